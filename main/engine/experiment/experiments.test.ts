import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../core/ipc/contract';
import type { TrainingEvent } from '../../../core/training/events';
import { createExperimentRunner, EXPERIMENT_FILE, type TaggedRun } from './experiments';
import { runSequence, type RunnerService } from './sequence';

/**
 * A training service double: each start gets the next scripted error rate and
 * replays an epoch and a done event on the next macrotask, as a worker would.
 */
function fakeService(trainErrors: number[]) {
  const listeners = new Set<(p: EventPayload<'training.event'>) => void>();
  const log: string[] = [];
  let active = 0;
  let maxActive = 0;
  let next = 0;
  const emit = (runId: string, event: TrainingEvent) => {
    for (const l of listeners) l({ runId, event });
  };
  const service: RunnerService = {
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handle: (async (channel: string, request: { settings?: { seed?: number }; runId?: string }) => {
      if (channel === 'training.stop') return {};
      const index = next++;
      const resumed = channel === 'training.resumeRun';
      const runId = resumed ? (request.runId ?? '') : `run-${index}`;
      log.push(resumed ? `resume ${runId}` : `start ${runId} seed ${request.settings?.seed ?? '?'}`);
      active++;
      maxActive = Math.max(maxActive, active);
      const error = trainErrors[index] ?? 0.5;
      setImmediate(() => {
        emit(runId, { type: 'status', phase: 'training', backend: 'cpu' });
        emit(runId, {
          type: 'epoch',
          epoch: 1,
          loss: 1,
          acc: 1 - error,
          valLoss: 1,
          valAcc: 1 - error - 0.05,
          valError: error + 0.05,
          durationMs: 10,
          lr: 0.1,
        });
        active--;
        emit(runId, {
          type: 'done',
          summary: {
            epochs: 1,
            stoppedEarly: false,
            stopped: false,
            loss: 1,
            acc: 1 - error,
            valLoss: 1,
            valAcc: 1 - error,
            durationMs: 10,
            imgPerSec: 1,
            backend: 'cpu',
            streamOverheadPct: 0,
          },
        });
      });
      return { runId };
    }) as RunnerService['handle'],
  };
  return { service, log, maxActive: () => maxActive };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('runSequence', () => {
  it('trains one item at a time, in order, and collects each run curves', async () => {
    const fake = fakeService([0.3, 0.2]);
    const doc = { format: 'deepwire' as const, version: 1 as const, name: 'x', nodes: [], edges: [] };
    const states = await runSequence(fake.service, [
      { label: 'a', document: doc, settings: { seed: 7 } },
      { label: 'b', document: doc, settings: { seed: 7 } },
    ]);
    expect(fake.maxActive()).toBe(1);
    expect(fake.log).toEqual(['start run-0 seed 7', 'start run-1 seed 7']);
    expect(states.map((s) => [s.label, s.runId, s.status, s.backend])).toEqual([
      ['a', 'run-0', 'done', 'cpu'],
      ['b', 'run-1', 'done', 'cpu'],
    ]);
    expect(states[1]?.curves.trainError[0]).toBeCloseTo(0.2);
  });
});

describe('createExperimentRunner', () => {
  it('runs every net once per seed, plain then residual, tags each folder with net and seed', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-exp-'));
    dirs.push(runsDir);
    const fake = fakeService([0.2, 0.22, 0.3, 0.32, 0.15, 0.17, 0.1, 0.12]);
    const runner = createExperimentRunner({ service: fake.service, runsDir });
    const { experimentId } = runner.start({
      depths: [20, 56],
      dataset: 'shapes',
      epochs: 1,
      preset: 'quick',
      limit: 64,
      seeds: [1, 2],
    });
    expect(runner.status(experimentId)?.phase).toBe('running');
    const status = await runner.finished(experimentId);
    expect(status?.phase).toBe('done');
    expect(status?.members.map((m) => `${m.label}/${m.seed} ${m.runId} ${m.status}`)).toEqual([
      'plain-20/1 run-0 done',
      'plain-20/2 run-1 done',
      'plain-56/1 run-2 done',
      'plain-56/2 run-3 done',
      'resnet-20/1 run-4 done',
      'resnet-20/2 run-5 done',
      'resnet-56/1 run-6 done',
      'resnet-56/2 run-7 done',
    ]);
    expect(fake.log[1]).toBe('start run-1 seed 2');
    expect(status?.members[3]?.trainError).toBeCloseTo(0.32);
    const tag = JSON.parse(readFileSync(join(runsDir, 'run-7', EXPERIMENT_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(tag).toMatchObject({ experimentId, label: 'resnet-56', depth: 56, residual: true, seed: 2 });
    expect(tag.request).toMatchObject({ seeds: [1, 2], preset: 'quick' });
  });

  it('resumes a stopped experiment: keeps finished runs, resumes the interrupted one, trains the rest', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-exp-'));
    dirs.push(runsDir);
    const fake = fakeService([0.4, 0.3]);
    const runner = createExperimentRunner({ service: fake.service, runsDir });
    const request = {
      depths: [20 as const],
      dataset: 'shapes',
      epochs: 1,
      preset: 'quick' as const,
      seeds: [1],
    };
    const tagged = (runId: string, label: string, outcome: TaggedRun['outcome'], acc: number): TaggedRun => ({
      runId,
      tag: { experimentId: 'exp-old', label, seed: 1, request },
      outcome,
      events: async () => [
        {
          type: 'epoch',
          epoch: 1,
          loss: 1,
          acc,
          valLoss: 1,
          valAcc: acc,
          valError: 1 - acc,
          durationMs: 1,
          lr: 0.1,
        },
      ],
    });
    await runner.resume('exp-old', [tagged('old-plain', 'plain-20', 'done', 0.75)]);
    // Only the plain net had a run: it is kept, the residual one trains.
    const first = await runner.finished('exp-old');
    expect(first?.members.map((m) => `${m.label} ${m.runId} ${m.status}`)).toEqual([
      'plain-20 old-plain done',
      'resnet-20 run-0 done',
    ]);
    expect(first?.members[0]?.trainError).toBeCloseTo(0.25);
    await runner.resume('exp-old', [
      tagged('old-plain', 'plain-20', 'done', 0.75),
      tagged('old-res', 'resnet-20', 'stopped', 0.5),
    ]);
    await runner.finished('exp-old');
    expect(fake.log).toEqual(['start run-0 seed 1', 'resume old-res']);
    await expect(runner.resume('exp-none', [])).rejects.toThrow(/request/);
  });

  it('skips the remaining members once stopped', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-exp-'));
    dirs.push(runsDir);
    const runner = createExperimentRunner({ service: fakeService([]).service, runsDir });
    const { experimentId } = runner.start({ depths: [20], dataset: 'shapes', epochs: 1, preset: 'quick' });
    await runner.stop(experimentId);
    const status = await runner.finished(experimentId);
    expect(status?.phase).toBe('stopped');
    expect(status?.members.filter((m) => m.status === 'pending').length).toBeGreaterThanOrEqual(1);
  });
});
