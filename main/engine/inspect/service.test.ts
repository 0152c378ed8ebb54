import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../backends';
import type { Inspector } from './inspector';
import { createProcessInspector } from './process';
import { createInsightHandlers, type InsightHandlers } from './service';
import { setLayerWeights, tinyConvNet, writeTestRun } from './test-runs';

let runsDir: string;
let inspector: Inspector;
let handlers: InsightHandlers;

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  runsDir = await mkdtemp(join(tmpdir(), 'deepwire-insight-service-'));
  await writeTestRun(join(runsDir, 'run-1'), tinyConvNet(), (c) => {
    setLayerWeights(c, 'conv', [tf.fill([3, 3, 1, 2], 0.5)]);
  });
  inspector = createProcessInspector();
  handlers = createInsightHandlers({ runsDir, inspector });
}, 60_000);

afterAll(async () => {
  inspector.dispose();
  await rm(runsDir, { recursive: true, force: true });
});

describe('insight handlers over the inspection process', () => {
  it('answers from a child process with the run’s weights', async () => {
    const filters = await handlers['runs.filters']({ runId: 'run-1', nodeId: 'conv' });
    expect(filters.weights).toHaveLength(18);
    expect(filters.weights.every((v) => v === 0.5)).toBe(true);
  }, 60_000);

  it('refuses run ids that are paths and names missing runs and nodes', async () => {
    await expect(handlers['runs.gradients']({ runId: '../etc' })).rejects.toMatchObject({
      code: 'bad-request',
      field: 'runId',
    });
    await expect(handlers['runs.gradients']({ runId: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(handlers['runs.filters']({ runId: 'run-1', nodeId: 'ghost' })).rejects.toMatchObject({
      code: 'not-found',
      field: 'nodeId',
    });
  }, 60_000);

  it('fails pending calls with the reason when the inspection process dies, then starts a new one', async () => {
    const entry = join(runsDir, 'crash-worker.mjs');
    await writeFile(entry, "process.on('message', () => process.exit(3));\n");
    const crashing = createProcessInspector({ entry });
    try {
      const job = { channel: 'runs.gradients', request: { runId: 'run-1' }, runDir: runsDir } as const;
      await expect(crashing.run(job)).rejects.toMatchObject({
        code: 'internal',
        message: /stopped \(code 3\)/,
      });
      await expect(crashing.run(job)).rejects.toMatchObject({ code: 'internal' });
    } finally {
      crashing.dispose();
    }
  }, 60_000);
});
