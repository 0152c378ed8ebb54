import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallResponse } from '../../../core/ipc/contract';
import type { TrainingEvent } from '../../../core/training/events';
import type { TrainingService } from '../../services/training';
import type { InsightChannel, Inspector } from '../inspect';
import type { ProcessExit } from '../process/handle';
import { tinyDigitsGraph } from './fixtures';
import type { ToWorker, WorkerHandle } from './protocol';
import { RUN_FILES } from './runFolder';
import { createTrainingService } from './service';

/** A training process the test drives by hand: no child, no timing. */
class FakeWorker implements WorkerHandle {
  readonly sent: ToWorker[] = [];
  readonly pid = undefined;
  private message: (m: unknown) => void = () => undefined;
  private exit: (e: ProcessExit) => void = () => undefined;
  send(message: ToWorker): void {
    this.sent.push(message);
  }
  onMessage(listener: (m: unknown) => void): void {
    this.message = listener;
  }
  onExit(listener: (e: ProcessExit) => void): void {
    this.exit = listener;
  }
  kill(): void {
    this.exitWith({ code: null, signal: 'SIGKILL' });
  }
  emit(event: TrainingEvent): void {
    this.message({ type: 'event', event });
  }
  exitWith(exit: ProcessExit): void {
    this.exit(exit);
  }
}

const root = mkdtempSync(join(tmpdir(), 'deepwire-queue-'));
const workspace = join(root, 'workspace');
const runsDir = join(workspace, 'runs');
const cacheDir = join(root, 'data', 'cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

let workers: FakeWorker[] = [];
let published: { runId: string; event: TrainingEvent }[] = [];
let service: TrainingService;

/** Inspection jobs the test finishes by hand; `started` counts those handed to the process. */
let inspections: { started: number; finish: (() => void)[] } = { started: 0, finish: [] };
const inspector: Inspector = {
  run: <C extends InsightChannel>() =>
    new Promise<CallResponse<C>>((resolve) => {
      inspections.started++;
      inspections.finish.push(() => resolve({ classes: [], counts: [], samples: [] } as CallResponse<C>));
    }),
  dispose: () => undefined,
};

function makeService(extra: { maxTrainings?: number; totalMemoryBytes?: number } = {}) {
  inspections = { started: 0, finish: [] };
  workers = [];
  published = [];
  service = createTrainingService({
    runsDir,
    cacheDir,
    maxTrainings: extra.maxTrainings ?? 2,
    ...(extra.totalMemoryBytes !== undefined ? { totalMemoryBytes: extra.totalMemoryBytes } : {}),
    spawnWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    inspector,
  });
  service.onEvent(({ runId, event }) => published.push({ runId, event: event as TrainingEvent }));
}
beforeEach(() => makeService());

const start = () =>
  service.handle('training.start', {
    document: tinyDigitsGraph(),
    settings: { dataset: 'digits', epochs: 1, backend: 'cpu' },
  });
const lastOf = (runId: string) => published.filter((p) => p.runId === runId).at(-1)?.event;
/** One turn of the event loop: every promise callback already queued has run (no clock involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Resolves once `runId` has published an event matching `test`. */
async function eventOf(runId: string, test: (e: TrainingEvent) => boolean): Promise<void> {
  while (!published.some((p) => p.runId === runId && test(p.event))) await settle();
}

/** A run folder as a stopped run leaves it; `checkpoint` adds a complete epoch checkpoint. */
function stoppedRun(runId: string, checkpoint: boolean): void {
  const dir = join(runsDir, runId);
  mkdirSync(join(dir, 'checkpoints', 'epoch-0001'), { recursive: true });
  writeFileSync(join(dir, RUN_FILES.settings), '{}');
  writeFileSync(join(dir, RUN_FILES.graph), JSON.stringify(tinyDigitsGraph()));
  if (checkpoint) {
    writeFileSync(join(dir, 'checkpoints', 'epoch-0001', 'state.json'), '{}');
    writeFileSync(join(dir, 'checkpoints', 'latest.json'), JSON.stringify({ name: 'epoch-0001', epoch: 1 }));
  }
}

describe('resuming a run', () => {
  it('answers not-found for 20 parallel resumes of runs that do not exist, starting nothing', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => service.handle('training.resumeRun', { runId: `bogus-${i}` })),
    );
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect(result.status === 'rejected' && result.reason).toMatchObject({ code: 'not-found' });
    }
    await expect(service.handle('training.resumeRun', { runId: '../etc' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    expect(workers).toHaveLength(0);
  });

  it('refuses a run without a checkpoint, and starts one process for parallel resumes of one run', async () => {
    stoppedRun('20260101-000000-aaaaaa', false);
    await expect(
      service.handle('training.resumeRun', { runId: '20260101-000000-aaaaaa' }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/no checkpoint/) });
    stoppedRun('20260101-000000-bbbbbb', true);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        service.handle('training.resumeRun', { runId: '20260101-000000-bbbbbb' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.sent[0]).toMatchObject({ type: 'resumeRun', runId: '20260101-000000-bbbbbb' });
  });
});

describe('the training cap', () => {
  it('queues runs past the cap visibly, starts them as slots free, and can stop a queued one', async () => {
    const a = await start();
    const b = await start();
    const c = await start();
    const d = await start();
    expect(workers).toHaveLength(2);
    expect(lastOf(c.runId)).toMatchObject({ type: 'status', phase: 'queued', ahead: 0 });
    expect(lastOf(d.runId)).toMatchObject({ type: 'status', phase: 'queued', ahead: 1 });
    await expect(service.handle('training.pause', { runId: c.runId })).rejects.toMatchObject({
      code: 'bad-request',
    });
    const listed = await service.handle('runs.delete', { runId: c.runId }).catch((e: unknown) => e);
    expect(listed).toMatchObject({ code: 'bad-request' });

    await service.handle('training.stop', { runId: c.runId });
    expect(lastOf(c.runId)).toMatchObject({ type: 'status', phase: 'stopped' });
    expect(lastOf(d.runId)).toMatchObject({ type: 'status', phase: 'queued', ahead: 0 });

    workers[0]!.emit({ type: 'status', phase: 'stopped' });
    workers[0]!.exitWith({ code: 0, signal: null });
    await settle();
    expect(workers).toHaveLength(3);
    expect(workers[2]?.sent[0]).toMatchObject({ type: 'start', runId: d.runId });
    expect(workers.flatMap((w) => w.sent.map((m) => 'runId' in m && m.runId))).not.toContain(c.runId);
    expect(a.runId).not.toBe(b.runId);
  });

  it('frees the slot of a crashed run too', async () => {
    makeService({ maxTrainings: 1 });
    const first = await start();
    const second = await start();
    expect(workers).toHaveLength(1);
    workers[0]!.exitWith({ code: null, signal: 'SIGKILL' });
    await eventOf(first.runId, (e) => e.type === 'failed');
    await settle();
    expect(workers).toHaveLength(2);
    expect(workers[1]?.sent[0]).toMatchObject({ type: 'start', runId: second.runId });
  });
});

describe('inspections', () => {
  it('go to the inspection process one at a time; the next waits for the one before', async () => {
    const first = service.handle('dataset.preview', { spec: 'digits', perClass: 1 });
    const second = service.handle('dataset.preview', { spec: 'digits', perClass: 1 });
    await settle();
    expect(inspections.started).toBe(1);
    inspections.finish[0]!();
    await first;
    expect(inspections.started).toBe(2);
    inspections.finish[1]!();
    await expect(second).resolves.toMatchObject({ classes: [] });
  });
});

describe('what reaches the page', () => {
  it('carries workspace-relative run folders and no absolute host paths', async () => {
    const { runId } = await start();
    const worker = workers[0]!;
    worker.emit({
      type: 'failed',
      code: 'data',
      reason: `ENOENT: no such file, open '${join(runsDir, runId, 'settings.json')}' and '${join(cacheDir, 'x.bin')}'`,
    });
    worker.emit({
      type: 'done',
      summary: {
        epochs: 1,
        stoppedEarly: false,
        stopped: false,
        loss: 1,
        acc: 0.5,
        valLoss: 1,
        valAcc: 0.5,
        durationMs: 1,
        imgPerSec: 1,
        backend: 'cpu',
        streamOverheadPct: 0,
        runDir: join(runsDir, runId),
      },
    });
    const text = JSON.stringify(published);
    expect(text).not.toContain(workspace);
    expect(text).not.toContain(root);
    expect(lastOf(runId)).toMatchObject({ type: 'done', summary: { runDir: `runs/${runId}` } });
    expect(text).toContain(`runs/${runId}/settings.json`);
  });
});

describe('refusals before any process starts', () => {
  it('refuses a model whose weights exceed the machine, naming the node', async () => {
    makeService({ totalMemoryBytes: 1024 });
    await expect(start()).rejects.toMatchObject({
      code: 'bad-request',
      field: 'document',
      message: expect.stringMatching(/for weights; this machine has 1\.0 KB\. Node 'out'/),
    });
    expect(workers).toHaveLength(0);
  });

  it('answers not-found when stopping an experiment this session does not know', async () => {
    await expect(
      service.handle('training.stopExperiment', { experimentId: 'exp-nope' }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
