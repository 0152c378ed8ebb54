import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  epochsToRun,
  learningRateAt,
  parseSettings,
  type TrainingSettings,
} from './settings';

const with_ = (patch: Partial<TrainingSettings>): TrainingSettings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('parseSettings', () => {
  it('fills defaults and validates', () => {
    const parsed = parseSettings({ epochs: 5, dataset: 'shapes' });
    expect(parsed.ok && parsed.settings.epochs).toBe(5);
    expect(parsed.ok && parsed.settings.optimizer).toBe(DEFAULT_SETTINGS.optimizer);
  });
  it('names the bad field', () => {
    const parsed = parseSettings({ batchSize: 0 });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/settings\.batchSize/);
  });
  it('rejects unknown fields (strict)', () => {
    expect(parseSettings({ bogus: 1 }).ok).toBe(false);
  });
  it('reads augmentation with or without a shift (settings files written before it existed)', () => {
    const old = parseSettings({ augment: { flip: true, cropPadding: 4 } });
    expect(old.ok && old.settings.augment).toEqual({ flip: true, cropPadding: 4 });
    const shifted = parseSettings({ augment: { flip: false, cropPadding: 0, shift: 2 } });
    expect(shifted.ok && shifted.settings.augment?.shift).toBe(2);
    const tooFar = parseSettings({ augment: { flip: false, cropPadding: 0, shift: 65 } });
    expect(!tooFar.ok && tooFar.error).toMatch(/settings\.augment\.shift/);
  });
  it('takes an optional iteration cap (older settings without it stay valid) and derives the epochs it trains', () => {
    const old = parseSettings({ epochs: 4 });
    expect(old.ok && old.settings.maxIterations).toBeUndefined();
    const capped = parseSettings({ epochs: 182, maxIterations: 64_000 });
    expect(capped.ok && capped.settings.maxIterations).toBe(64_000);
    expect(!parseSettings({ maxIterations: 0 }).ok).toBe(true);
    // 352 steps an epoch: 64,000 steps end in the 182nd epoch; a cap never adds epochs.
    expect(epochsToRun(with_({ epochs: 182, maxIterations: 64_000 }), 352)).toBe(182);
    expect(epochsToRun(with_({ epochs: 3, maxIterations: 64_000 }), 352)).toBe(3);
    expect(epochsToRun(with_({ epochs: 3 }), 352)).toBe(3);
  });
});

describe('learningRateAt', () => {
  it('is constant by default', () => {
    expect(learningRateAt(with_({ learningRate: 0.1 }), 7)).toBe(0.1);
  });
  it('steps by gamma every N epochs', () => {
    const s = with_({ learningRate: 1, schedule: { kind: 'step', every: 2, gamma: 0.5 } });
    expect([0, 1, 2, 3, 4].map((e) => learningRateAt(s, e))).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });
  it('decays along a cosine to zero', () => {
    const s = with_({ learningRate: 1, epochs: 4, schedule: { kind: 'cosine' } });
    expect(learningRateAt(s, 0)).toBeCloseTo(1);
    expect(learningRateAt(s, 2)).toBeCloseTo(0.5);
    expect(learningRateAt(s, 4)).toBeCloseTo(0);
  });
  it('ends the cosine where an iteration cap ends the run', () => {
    // 10 steps at 4 an epoch end in epoch 3 of 8.
    const s = with_({ learningRate: 1, epochs: 8, maxIterations: 10, schedule: { kind: 'cosine' } });
    expect(learningRateAt(s, 0, 0, 4)).toBeCloseTo(1);
    expect(learningRateAt(s, 1.5, 0, 4)).toBeCloseTo(0.5);
    expect(learningRateAt(s, 3, 0, 4)).toBeCloseTo(0);
  });
  it('warms up linearly before the schedule', () => {
    const s = with_({ learningRate: 1, warmupEpochs: 2 });
    expect(learningRateAt(s, 0, 0.5)).toBeCloseTo(0.25);
    expect(learningRateAt(s, 1, 0)).toBeCloseTo(0.5);
    expect(learningRateAt(s, 2, 0)).toBe(1);
  });

  it('divides at iteration milestones as MultiStepLR stepped per batch', () => {
    const s = with_({
      learningRate: 0.1,
      schedule: { kind: 'multistep', milestones: [32_000, 48_000], unit: 'iteration', gamma: 0.1 },
    });
    const at = (iteration: number) =>
      learningRateAt(s, Math.floor(iteration / 352), (iteration % 352) / 352, 352);
    expect(at(31_999)).toBeCloseTo(0.1, 12);
    expect(at(32_000)).toBeCloseTo(0.01, 12);
    expect(at(47_999)).toBeCloseTo(0.01, 12);
    expect(at(48_000)).toBeCloseTo(0.001, 12);
    expect(() => learningRateAt(s, 0)).toThrow(/batches per epoch/);
  });

  it('divides at epoch milestones', () => {
    const s = with_({
      learningRate: 1,
      schedule: { kind: 'multistep', milestones: [2, 3], unit: 'epoch', gamma: 0.5 },
    });
    expect([0, 1, 2, 3, 4].map((e) => learningRateAt(s, e, 0.5))).toEqual([1, 1, 0.5, 0.25, 0.25]);
    expect(
      parseSettings({ schedule: { kind: 'multistep', milestones: [], unit: 'epoch', gamma: 0.1 } }).ok,
    ).toBe(false);
  });
});
