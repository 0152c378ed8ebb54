import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../core/graph/builder';
import type { GraphDocument } from '../../../core/graph/schema';
import { recordingSpawner } from '../process/recordingSpawner';
import { createProcessExporter, nodeExportSpawner, type ExportRequest } from './exportProcess';
import { ExportError, TOLERANCE } from './index';
import { writeFakeRun } from './test-helpers';

/** Small enough that an export (compile, write, verify) takes a moment, not seconds. */
function tinyNet(): GraphDocument {
  const g = new GraphBuilder('tiny export');
  g.add('input', { height: 6, width: 6, channels: 1 }, { id: 'in' });
  g.add('conv2d', { filters: 2, kernel: 3, stride: 1, padding: 'same' }, { id: 'conv' });
  g.add('flatten', {}, { id: 'flatten' });
  g.add('output', { classes: 3 }, { id: 'out' });
  return g.build();
}

let scratch: string;
let runDir: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-export-spawner-'));
  runDir = join(scratch, 'run');
  await writeFakeRun(runDir, tinyNet(), 11);
}, 60_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('exports through an injected spawner', () => {
  it('runs the real export worker in the spawned process and returns its verified files', async () => {
    const spawner = recordingSpawner<ExportRequest>(nodeExportSpawner());
    const exportRun = createProcessExporter(spawner.spawn);
    const out = join(scratch, 'tfjs');
    const result = await exportRun(runDir, { format: 'tfjs', out });
    expect(spawner.started).toHaveLength(1);
    expect(result.files).toContain(join(out, 'model.json'));
    expect(result.files).toContain(join(out, 'README.md'));
    expect(JSON.parse(await readFile(join(out, 'model.json'), 'utf8'))).toHaveProperty('modelTopology');
    expect(result.verification.length).toBeGreaterThan(0);
    for (const check of result.verification) {
      expect(check.ran).toBe(true);
      expect(check.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
    }
  }, 60_000);

  it('a killed export process rejects with how it ended, and the next export works', async () => {
    const spawner = recordingSpawner<ExportRequest>(nodeExportSpawner());
    const exportRun = createProcessExporter(spawner.spawn);
    const doomed = exportRun(runDir, { format: 'onnx', out: join(scratch, 'doomed') });
    spawner.started[0]?.kill();
    await expect(doomed).rejects.toThrow('the export process ended early (SIGKILL); try again');

    const out = join(scratch, 'onnx');
    const result = await exportRun(runDir, { format: 'onnx', out });
    expect(spawner.started).toHaveLength(2);
    expect(result.files).toContain(join(out, 'model.onnx'));
  }, 60_000);

  it('an export the engine refuses comes back as an ExportError with its message, not a crash', async () => {
    const missing = join(scratch, 'no-such-run');
    const error: unknown = await createProcessExporter(nodeExportSpawner())(missing, {
      format: 'tfjs',
      out: join(scratch, 'x'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).message).toBe(
      `${missing}: no valid graph.deepwire.json: is this a run folder?`,
    );
  }, 60_000);
});
