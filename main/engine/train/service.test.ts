import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../core/training/events';
import type { TrainingService } from '../../services/training';
import { tinyDigitsGraph } from './fixtures';
import type { WorkerHandle } from './protocol';
import { RUN_FILES } from './runFolder';
import { createTrainingService } from './service';
import { spawnNodeWorker } from './spawn';
import { formatHoldPoints, TEST_HOLD_ENV, type HoldPoint } from './testHold';

let workspace = '';
let runsDir = '';
let service: TrainingService;
/** The newest training process, so a test can kill it like a crash would. */
let lastWorker: WorkerHandle | undefined;
/** Where the next process started holds (./testHold), so a test acts mid-run whatever the machine's speed. */
let holdNext: HoldPoint[] = [];
/** Resolves when the newest process reports its first hold. */
let firstHold: Promise<HoldPoint> = new Promise(() => undefined);

function spawnWorker(): WorkerHandle {
  const env = holdNext.length ? { env: { [TEST_HOLD_ENV]: formatHoldPoints(holdNext) } } : {};
  holdNext = [];
  const worker = spawnNodeWorker(env);
  firstHold = new Promise((resolve) =>
    worker.onMessage((message) => {
      const m = message as { type?: unknown } & HoldPoint;
      if (m.type === 'held') resolve({ epoch: m.epoch, batch: m.batch });
    }),
  );
  lastWorker = worker;
  return worker;
}
const events = new Map<string, TrainingEvent[]>();
const waiters: { runId: string; test: (e: TrainingEvent) => boolean; resolve: (e: TrainingEvent) => void }[] =
  [];

/** Resolves on the first event of `runId` matching `test` (already received or future). */
function waitFor(runId: string, test: (e: TrainingEvent) => boolean): Promise<TrainingEvent> {
  const seen = events.get(runId)?.find(test);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => waiters.push({ runId, test, resolve }));
}
const terminal = (e: TrainingEvent) => e.type === 'done' || e.type === 'failed';

const settings = (patch: Record<string, unknown> = {}) => ({
  dataset: 'digits',
  limit: 256,
  epochs: 1,
  batchSize: 32,
  backend: 'cpu',
  ...patch,
});

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'deepwire-runs-'));
  runsDir = join(workspace, 'runs');
  service = createTrainingService({
    runsDir,
    spawnWorker,
  });
  service.onEvent(({ runId, event }) => {
    const list = events.get(runId) ?? [];
    list.push(event as TrainingEvent);
    events.set(runId, list);
    for (const waiter of waiters.slice()) {
      if (waiter.runId === runId && waiter.test(event as TrainingEvent)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event as TrainingEvent);
      }
    }
  });
});
afterAll(async () => {
  await service.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

describe('training service (real worker process)', () => {
  it('trains in a child process and leaves a complete run folder', async () => {
    const { runId } = await service.handle('training.start', {
      document: tinyDigitsGraph(),
      settings: settings(),
    });
    const end = await waitFor(runId, terminal);
    expect(end.type).toBe('done');
    const runDir = join(runsDir, runId);
    for (const file of Object.values(RUN_FILES)) expect(existsSync(join(runDir, file))).toBe(true);
    expect(existsSync(join(runDir, 'model', 'model.json'))).toBe(true);
    const lines = readFileSync(join(runDir, RUN_FILES.metrics), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as TrainingEvent).type)).toContain('epoch');
    const provenance = JSON.parse(readFileSync(join(runDir, RUN_FILES.provenance), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(provenance).toMatchObject({ seed: 1, backend: 'cpu', dataset: 'digits' });
    expect(provenance.graphHash).toMatch(/^[0-9a-f]{64}$/);
    const runs = await service.handle('runs.list', {});
    expect(runs.find((r) => r.runId === runId)?.outcome).toBe('done');
    // The page hears run folders relative to the workspace, never the host's absolute paths.
    expect(end).toMatchObject({ type: 'done', summary: { runDir: `runs/${runId}` } });
    expect(JSON.stringify(events.get(runId))).not.toContain(workspace);
    const stored = await service.handle('runs.get', { runId });
    expect(JSON.stringify(stored)).not.toContain(workspace);
  });

  it('reports a killed training process as a crash, and a new run can start', async () => {
    holdNext = [{ epoch: 1, batch: 2 }];
    const { runId } = await service.handle('training.start', {
      document: tinyDigitsGraph(),
      settings: settings({ batchSize: 8 }),
    });
    // Killed while held mid-epoch: it cannot have finished first, however fast the machine.
    expect(await firstHold).toEqual({ epoch: 1, batch: 2 });
    expect(lastWorker?.pid).toBeTypeOf('number');
    process.kill(lastWorker!.pid!, 'SIGKILL');
    const end = await waitFor(runId, terminal);
    expect(end).toMatchObject({ type: 'failed', code: 'crash' });
    expect(end.type === 'failed' && end.reason).toMatch(/killed \(SIGKILL\)/);
    // The run folder records the crash, so history shows it as such (it used to say 'unknown').
    const row = (await service.handle('runs.list', {})).find((r) => r.runId === runId);
    expect(row).toMatchObject({ status: 'crashed', outcome: 'failed' });
    expect(row?.failure).toMatch(/SIGKILL/);
    const lines = readFileSync(join(runsDir, runId, RUN_FILES.metrics), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'failed', code: 'crash', signal: 'SIGKILL' });
    const next = await service.handle('training.start', {
      document: tinyDigitsGraph(),
      settings: settings(),
    });
    expect((await waitFor(next.runId, terminal)).type).toBe('done');
  });

  it('stops on request, then resumes the run from its checkpoint to the end', async () => {
    holdNext = [{ epoch: 2, batch: 1 }];
    const { runId } = await service.handle('training.start', {
      document: tinyDigitsGraph(),
      settings: settings({ epochs: 3 }),
    });
    // Held in epoch 2, after epoch 1's checkpoint: the stop lands before the run could end.
    expect(await firstHold).toEqual({ epoch: 2, batch: 1 });
    await service.handle('training.stop', { runId });
    const stopped = await waitFor(
      runId,
      (e) => terminal(e) || (e.type === 'status' && e.phase === 'stopped'),
    );
    expect(stopped).toMatchObject({ type: 'status', phase: 'stopped' });
    events.delete(runId);
    await service.handle('training.resumeRun', { runId });
    const end = await waitFor(runId, terminal);
    expect(end.type).toBe('done');
    const epochs = (events.get(runId) ?? []).flatMap((e) => (e.type === 'epoch' ? [e.epoch] : []));
    expect(epochs).toEqual([2, 3]); // continued from epoch 1's checkpoint, did not start over
    expect(epochs.at(-1)).toBe(3);
  });

  it('rejects bad settings with the field named', async () => {
    await expect(
      service.handle('training.start', { document: tinyDigitsGraph(), settings: { batchSize: -1 } }),
    ).rejects.toMatchObject({ code: 'bad-request', field: 'settings' });
  });
});
