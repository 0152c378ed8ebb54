import { describe, expect, it } from 'vitest';
import { aggregateNets, bandOf, formatStats, seedStats } from './aggregate';

describe('seedStats', () => {
  it('gives mean, sample std, min, max and the finite values', () => {
    const s = seedStats([0.2, null, 0.3, 0.4, Number.NaN]);
    expect(s?.values).toEqual([0.2, 0.3, 0.4]);
    expect(s?.mean).toBeCloseTo(0.3, 12);
    expect(s?.std).toBeCloseTo(0.1, 12);
    expect([s?.min, s?.max]).toEqual([0.2, 0.4]);
  });

  it('has zero spread for one seed and is null for none', () => {
    expect(seedStats([0.25])).toEqual({ mean: 0.25, std: 0, min: 0.25, max: 0.25, values: [0.25] });
    expect(seedStats([null, null])).toBeNull();
  });
});

describe('aggregateNets', () => {
  it('groups runs per net in first-seen order with values in seed order', () => {
    const nets = aggregateNets([
      { label: 'plain-20', depth: 20, residual: false, seed: 2, trainError: 0.3, valError: 0.35 },
      { label: 'resnet-20', depth: 20, residual: true, seed: 1, trainError: 0.1, valError: null },
      { label: 'plain-20', depth: 20, residual: false, seed: 1, trainError: 0.2, valError: 0.25 },
    ]);
    expect(nets.map((n) => n.label)).toEqual(['plain-20', 'resnet-20']);
    expect(nets[0]?.seeds).toEqual([1, 2]);
    expect(nets[0]?.trainErr?.values).toEqual([0.2, 0.3]);
    expect(nets[0]?.valErr?.mean).toBeCloseTo(0.3, 12);
    expect(nets[1]?.valErr).toBeNull();
  });
});

describe('bandOf', () => {
  it('takes mean, min and max across seeds per epoch, over the epochs any seed reached', () => {
    const band = bandOf([
      { x: [1, 2, 3], y: [0.5, 0.4, 0.3] },
      { x: [1, 2], y: [0.7, 0.2] },
    ]);
    expect(band.x).toEqual([1, 2, 3]);
    expect(band.mean[0]).toBeCloseTo(0.6, 12);
    expect(band.min).toEqual([0.5, 0.2, 0.3]);
    expect(band.max).toEqual([0.7, 0.4, 0.3]);
  });
});

describe('formatStats', () => {
  it('writes mean ± std in percentage points, only the mean for one seed', () => {
    expect(formatStats(seedStats([0.1, 0.12, 0.14]))).toBe('12.0% ± 2.0');
    expect(formatStats(seedStats([0.1]))).toBe('10.0%');
    expect(formatStats(null)).toBe('—');
  });
});
