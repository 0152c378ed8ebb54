import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../core/training/events';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../../../core/training/settings';
import { clearGpuFault, reportGpuFault } from '../backends';
import { hasCheckpoint } from './checkpoint';
import { tinyDigitsGraph } from './fixtures';
import { runSession } from './session';

const root = mkdtempSync(join(tmpdir(), 'deepwire-gpufault-'));
afterAll(() => {
  clearGpuFault();
  rmSync(root, { recursive: true, force: true });
});

const settings: TrainingSettings = {
  ...DEFAULT_SETTINGS,
  limit: 200,
  epochs: 3,
  backend: 'cpu',
  batchSize: 16,
};

describe('a GPU fault mid-run (injected: no real device can be lost here)', () => {
  it('stops the run with the fault as its reason, keeps the last checkpoint, and the run resumes to the end', async () => {
    const runDir = join(root, 'lost');
    const events: TrainingEvent[] = [];
    const first = await runSession({
      runId: 'lost',
      runDir,
      start: { document: tinyDigitsGraph(), settings },
      emit: (e) => {
        events.push(e);
        // Lost while epoch 2 trains: epoch 1's checkpoint is already on disk.
        if (e.type === 'batch' && e.epoch === 2) reportGpuFault({ kind: 'device-lost', message: 'injected' });
      },
    });
    expect(first).toBeNull();
    const failed = events.find((e) => e.type === 'failed');
    expect(failed).toMatchObject({ type: 'failed', code: 'crash' });
    expect(failed?.type === 'failed' && failed.reason).toMatch(
      /GPU device was lost \(injected\).*resume the run/,
    );
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(1);
    expect(await hasCheckpoint(runDir)).toBe(true);

    clearGpuFault();
    const resumed = await runSession({
      runId: 'lost',
      runDir,
      start: { resume: true },
      emit: () => undefined,
    });
    expect(resumed?.epochs).toBe(3);
  }, 120_000);
});
