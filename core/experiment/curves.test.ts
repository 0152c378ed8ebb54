import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../training/events';
import { alignRuns, curvesFromEvents, forLogScale, lastValue, minValue } from './curves';

const epoch = (n: number, acc: number | null, valAcc: number | null, durationMs = 1000): TrainingEvent => ({
  type: 'epoch',
  epoch: n,
  loss: 1 / n,
  acc,
  valLoss: 2 / n,
  valAcc,
  valError: valAcc === null ? null : 1 - valAcc,
  durationMs,
  lr: 0.1,
});

describe('curvesFromEvents', () => {
  it('turns accuracy into error, accumulates wall time and keeps batches apart', () => {
    const curves = curvesFromEvents([
      { type: 'status', phase: 'training' },
      { type: 'batch', epoch: 1, batch: 5, batches: 10, loss: 2, acc: 0.25, imgPerSec: 100 },
      epoch(1, 0.5, 0.4, 1500),
      epoch(2, 0.75, null, 500),
    ]);
    expect(curves.epoch).toEqual([1, 2]);
    expect(curves.wallSec).toEqual([1.5, 2]);
    expect(curves.trainError).toEqual([0.5, 0.25]);
    expect(curves.valError[0]).toBeCloseTo(0.6);
    expect(curves.valError[1]).toBeNull();
    expect(curves.batchX).toEqual([0.5]);
    expect(curves.batchError).toEqual([0.75]);
  });

  it('replaces epochs that a resumed run reports again', () => {
    const curves = curvesFromEvents([
      epoch(1, 0.5, 0.5),
      epoch(2, 0.6, 0.6),
      epoch(2, 0.7, 0.7),
      epoch(3, 0.8, 0.8),
    ]);
    expect(curves.epoch).toEqual([1, 2, 3]);
    expect(curves.trainError[1]).toBeCloseTo(0.3);
  });
});

describe('alignRuns', () => {
  it('merges x values and fills gaps with null, one column per run and metric', () => {
    const a = curvesFromEvents([epoch(1, 0.5, 0.5), epoch(2, 0.6, 0.6)]);
    const b = curvesFromEvents([epoch(1, 0.9, 0.8)]);
    const aligned = alignRuns([a, b], ['trainError'], 'epoch');
    expect(aligned.x).toEqual([1, 2]);
    expect(aligned.ys).toHaveLength(2);
    expect(aligned.ys[1]?.[1]).toBeNull();
    const byTime = alignRuns([a, b], ['trainError', 'valError'], 'time');
    expect(byTime.x).toEqual([1, 2]);
    expect(byTime.ys).toHaveLength(4);
  });
});

describe('helpers', () => {
  it('finds the last and smallest values and drops non-positive ones for log axes', () => {
    expect(lastValue([0.3, 0.2, null])).toBe(0.2);
    expect(lastValue([null])).toBeNull();
    expect(minValue([0.3, null, 0.1, 0.2])).toBe(0.1);
    expect(forLogScale([1, 0, -1, null, 0.5])).toEqual([1, null, null, null, 0.5]);
  });
});
