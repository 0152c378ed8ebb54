import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../core/training/settings';
import { runFraction, runTiming } from './progress';

const settings = { ...DEFAULT_SETTINGS, epochs: 4 };

describe('runTiming', () => {
  it('knows the planned epochs from the first batch, before any epoch ends', () => {
    const timing = runTiming(
      settings,
      { epoch: 1, batch: 1, batches: 10 },
      { startedAt: 0, firstBatch: null },
      5000,
    );
    expect(timing.epochs).toBe(4);
    expect(timing.elapsedS).toBe(5);
    expect(timing.etaS).toBeNull();
  });

  it('counts fewer epochs when an iteration cap ends the run sooner', () => {
    const capped = { ...settings, maxIterations: 15 };
    expect(
      runTiming(capped, { epoch: 1, batch: 1, batches: 10 }, { startedAt: 0, firstBatch: null }, 0).epochs,
    ).toBe(2);
  });

  it('paces the ETA from the first batch, not from compiling', () => {
    // First batch at 10 s (after 10 s of compiling) at 1/40 of the run; 10 s later a quarter is done.
    const clock = {
      startedAt: 0,
      firstBatch: { at: 10_000, fraction: runFraction({ epoch: 1, batch: 1, batches: 10 }, 4) },
    };
    const timing = runTiming(settings, { epoch: 1, batch: 10, batches: 10 }, clock, 20_000);
    expect(timing.elapsedS).toBe(20);
    // 0.225 of the run took 10 s; 0.75 remains.
    expect(timing.etaS).toBeCloseTo((10 / 0.225) * 0.75);
  });
});
