import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../core/ipc/contract';
import type { TrainingEvent } from '../../../core/training/events';
import { createExperimentRunner, EXPERIMENT_FILE } from './experiments';
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
    handle: (async (channel: string, request: { settings?: { seed?: number } }) => {
      if (channel === 'training.stop') return {};
      const index = next++;
      const runId = `run-${index}`;
      log.push(`start ${runId} seed ${request.settings?.seed ?? '?'}`);
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
  it('runs plain then residual nets, tags their folders and reports final errors', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-exp-'));
    dirs.push(runsDir);
    const fake = fakeService([0.2, 0.3, 0.15, 0.1]);
    const runner = createExperimentRunner({ service: fake.service, runsDir });
    const { experimentId } = runner.start({
      depths: [20, 56],
      dataset: 'shapes',
      epochs: 1,
      preset: 'quick',
      limit: 64,
    });
    expect(runner.status(experimentId)?.phase).toBe('running');
    const status = await runner.finished(experimentId);
    expect(status?.phase).toBe('done');
    expect(status?.members.map((m) => [m.label, m.runId, m.status])).toEqual([
      ['plain-20', 'run-0', 'done'],
      ['plain-56', 'run-1', 'done'],
      ['resnet-20', 'run-2', 'done'],
      ['resnet-56', 'run-3', 'done'],
    ]);
    expect(status?.members[1]?.trainError).toBeCloseTo(0.3);
    const tag = JSON.parse(readFileSync(join(runsDir, 'run-3', EXPERIMENT_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(tag).toMatchObject({ experimentId, label: 'resnet-56', depth: 56, residual: true });
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
