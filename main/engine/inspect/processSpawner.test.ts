import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../backends';
import { recordingSpawner } from '../process/recordingSpawner';
import type { Inspector } from './inspector';
import { createProcessInspector, nodeInspectSpawner, type InspectRequest } from './process';
import { createInsightHandlers, type InsightHandlers } from './service';
import { setLayerWeights, tinyConvNet, writeTestRun } from './test-runs';

let runsDir: string;
let inspector: Inspector;
let handlers: InsightHandlers;
const spawner = recordingSpawner<InspectRequest>(nodeInspectSpawner());

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  runsDir = await mkdtemp(join(tmpdir(), 'deepwire-inspect-spawner-'));
  await writeTestRun(join(runsDir, 'run-1'), tinyConvNet(), (c) => {
    setLayerWeights(c, 'conv', [tf.fill([3, 3, 1, 2], 0.25)]);
  });
  // The injected spawner forks the real worker: nothing in the engine is mocked.
  inspector = createProcessInspector({ spawn: spawner.spawn });
  handlers = createInsightHandlers({ runsDir, inspector });
}, 60_000);

afterAll(async () => {
  inspector.dispose();
  await rm(runsDir, { recursive: true, force: true });
});

describe('the inspection service through an injected spawner', () => {
  it('starts its process through the spawner and answers with the run’s weights', async () => {
    const filters = await handlers['runs.filters']({ runId: 'run-1', nodeId: 'conv' });
    expect(filters.weights).toHaveLength(18);
    expect(filters.weights.every((v) => v === 0.25)).toBe(true);
    expect(spawner.started).toHaveLength(1);
  }, 60_000);

  it('a killed process fails the pending call with a clear reason, and the next call starts a fresh one', async () => {
    const pendingCall = handlers['runs.filters']({ runId: 'run-1', nodeId: 'conv' });
    const live = spawner.started.at(-1);
    expect(live?.pid).toBeGreaterThan(0);
    live?.kill();
    await expect(pendingCall).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/the inspection process stopped \(SIGKILL\); try again/),
    });

    const again = await handlers['runs.filters']({ runId: 'run-1', nodeId: 'conv' });
    expect(again.weights.every((v) => v === 0.25)).toBe(true);
    expect(spawner.started).toHaveLength(2);
    expect(spawner.started[1]?.pid).not.toBe(live?.pid);
  }, 90_000);
});
