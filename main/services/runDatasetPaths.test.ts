import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/training/settings';
import { createInspector } from '../engine/inspect';
import { tinyDigitsGraph } from '../engine/train/fixtures';
import type { ToWorker, WorkerHandle } from '../engine/train/protocol';
import { RUN_FILES } from '../engine/train/runFolder';
import { createTrainingService } from '../engine/train/service';
import { DATASET_FORBIDDEN, datasetPolicyFor, resolveDatasetSpec } from './datasetPaths';
import { makeTempDir } from './testing';
import type { TrainingService } from './training';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ws: string;
let outside: string;
let sent: ToWorker[];
let service: TrainingService;

/** A run folder as training leaves it (settings, graph, one checkpoint), with the dataset the page wrote in. */
async function writeRun(runId: string, dataset: unknown): Promise<void> {
  const dir = join(ws, 'runs', runId);
  await mkdir(join(dir, 'checkpoints', 'epoch-1'), { recursive: true });
  await writeFile(join(dir, RUN_FILES.settings), JSON.stringify({ ...DEFAULT_SETTINGS, dataset }));
  await writeFile(join(dir, RUN_FILES.graph), JSON.stringify(tinyDigitsGraph()));
  await writeFile(join(dir, 'checkpoints', 'latest.json'), JSON.stringify({ name: 'epoch-1' }));
  await writeFile(join(dir, 'checkpoints', 'epoch-1', 'state.json'), '{}');
}

beforeEach(async () => {
  tmp = await makeTempDir('run-datasets');
  const base = await realpath(tmp.path);
  ws = join(base, 'ws');
  outside = join(base, 'outside');
  await mkdir(join(ws, 'pets', 'cats'), { recursive: true });
  await mkdir(join(outside, 'cats'), { recursive: true });
  sent = [];
  const worker: WorkerHandle = {
    send: (message) => void sent.push(message),
    onMessage: () => undefined,
    onExit: () => undefined,
    kill: () => undefined,
    pid: undefined,
  };
  const policy = datasetPolicyFor({ workspace: ws });
  service = createTrainingService({
    runsDir: join(ws, 'runs'),
    spawnWorker: () => worker,
    inspector: createInspector(),
    confineDataset: (spec) => resolveDatasetSpec(spec, policy),
  });
});
afterEach(async () => {
  await service.dispose();
  await tmp.dispose();
});

const forbidden = { code: 'forbidden', message: DATASET_FORBIDDEN, field: 'dataset' };

describe('a run folder in the workspace names a dataset the page may have edited', () => {
  it('refuses to evaluate, sample from or resume a run whose dataset leads out of the workspace', async () => {
    await writeRun('run-1', `folder:${outside}`);
    await expect(service.handle('runs.evaluate', { runId: 'run-1', limit: 10 })).rejects.toMatchObject(
      forbidden,
    );
    await expect(
      service.handle('runs.activations', {
        runId: 'run-1',
        sample: { split: 'train', index: 0 },
        nodeIds: ['out'],
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      service.handle('runs.confusionCell', {
        runId: 'run-1',
        split: 'validation',
        limit: 10,
        label: 0,
        predicted: 1,
        offset: 0,
        pageSize: 4,
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      service.handle('runs.gradCam', { runId: 'run-1', sample: { split: 'test', index: 0 } }),
    ).rejects.toMatchObject(forbidden);
    await expect(service.handle('training.resumeRun', { runId: 'run-1' })).rejects.toMatchObject(forbidden);
    expect(sent).toEqual([]);
  });

  it('refuses a dataset stored as an object, which the loader would take as a parsed spec', async () => {
    await writeRun('run-2', { kind: 'folder', dir: outside });
    await expect(service.handle('training.resumeRun', { runId: 'run-2' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    await expect(service.handle('runs.evaluate', { runId: 'run-2', limit: 10 })).rejects.toMatchObject({
      code: 'bad-request',
    });
    expect(sent).toEqual([]);
  });

  it('resumes a run on its workspace dataset, handing the worker the real path it checked', async () => {
    await writeRun('run-3', 'folder:pets');
    await expect(service.handle('training.resumeRun', { runId: 'run-3' })).resolves.toEqual({
      runId: 'run-3',
    });
    expect(sent[0]).toMatchObject({
      type: 'resumeRun',
      runId: 'run-3',
      dataset: `folder:${join(ws, 'pets')}`,
    });
  });
});
