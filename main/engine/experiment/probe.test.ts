import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planExperiment } from '../../../core/experiment/plan';
import { summarize } from '../../../core/graph/summary';
import type { EventPayload } from '../../../core/ipc/contract';
import { measureThroughput, PROBE_BATCHES, probeMember } from './probe';
import type { RunnerService } from './sequence';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts one run that writes its folder and finishes at 400 img/s on `cpu`. */
function probeService(runsDir: string, started: unknown[]): RunnerService {
  const listeners = new Set<(p: EventPayload<'training.event'>) => void>();
  return {
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handle: (async (_channel: string, request: unknown) => {
      started.push(request);
      const runId = '20260101-000000-abcdef';
      mkdirSync(join(runsDir, runId), { recursive: true });
      setImmediate(() => {
        for (const l of listeners)
          l({
            runId,
            event: {
              type: 'done',
              summary: {
                epochs: 1,
                stoppedEarly: false,
                stopped: false,
                loss: 1,
                acc: 0.5,
                valLoss: null,
                valAcc: null,
                durationMs: 10,
                imgPerSec: 400,
                backend: 'cpu',
                streamOverheadPct: 0,
              },
            },
          });
      });
      return { runId };
    }) as RunnerService['handle'],
  };
}

describe('measureThroughput', () => {
  it("trains a few batches of the costliest net (the first of equals) with the experiment's recipe, then removes the probe's folder", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-probe-'));
    dirs.push(runsDir);
    const members = planExperiment({ depths: [20, 56], dataset: 'fashion-mnist', preset: 'quick' });
    const started: unknown[] = [];
    const speed = await measureThroughput(probeService(runsDir, started), members, runsDir);
    expect(probeMember(members)?.label).toBe('plain-56');
    const deepest = members.find((m) => m.label === 'plain-56');
    expect(speed).toMatchObject({ imgPerSec: 400, backend: 'cpu', probe: 'plain-56' });
    expect(speed.macsPerSec).toBe(400 * summarize(deepest!.document).totalMacs);
    expect(speed.setupSec).toBeGreaterThanOrEqual(0);
    expect(started).toHaveLength(1);
    expect((started[0] as { settings: Record<string, unknown> }).settings).toMatchObject({
      epochs: 1,
      limit: 64 * PROBE_BATCHES,
      validationSplit: 0,
      learningRate: 0.05,
      dataset: 'fashion-mnist',
    });
    expect(existsSync(join(runsDir, '20260101-000000-abcdef'))).toBe(false);
  });
});
