import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/random';
import { channelStats, epochOrder, fillBatch } from './batches';
import type { Samples } from './types';

/** Two 2×2 RGB images: image n has R = 10n + p, G = 100, B = 200 at pixel p. */
function tinyRgb(): Samples {
  const images = new Uint8Array(2 * 4 * 3);
  for (let n = 0; n < 2; n++) {
    for (let p = 0; p < 4; p++) images.set([10 * n + p, 100, 200], (n * 4 + p) * 3);
  }
  return { images, labels: Uint8Array.from([4, 7]), count: 2, shape: [2, 2, 3] };
}

/** 1×3 gray ramps: value 1, 2, 3 in columns 0..2. */
function ramp(count: number): Samples {
  const images = new Uint8Array(count * 3);
  for (let n = 0; n < count; n++) images.set([1, 2, 3], n * 3);
  return { images, labels: new Uint8Array(count), count, shape: [1, 3, 1] };
}

describe('epochOrder', () => {
  it('is a permutation that depends only on seed and epoch', () => {
    const order = epochOrder(1000, 42, 3);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(epochOrder(1000, 42, 3))).toEqual(Array.from(order));
    expect(Array.from(epochOrder(1000, 42, 4))).not.toEqual(Array.from(order));
    expect(Array.from(epochOrder(1000, 43, 3))).not.toEqual(Array.from(order));
  });
});

describe('channelStats', () => {
  it('computes per-channel mean and std on the 0..1 scale', () => {
    const { mean, std } = channelStats(tinyRgb());
    expect(mean[0]).toBeCloseTo((0 + 1 + 2 + 3 + 10 + 11 + 12 + 13) / 8 / 255, 10);
    expect(mean[1]).toBeCloseTo(100 / 255, 10);
    expect(std[1]).toBeCloseTo(0, 10);
    expect(std[0]).toBeCloseTo(Math.sqrt(26.25) / 255, 6);
  });
});

describe('fillBatch', () => {
  it('normalises to the unit range and copies labels in index order', () => {
    const batch = fillBatch(tinyRgb(), [1, 0], { normalise: 'unit' });
    expect(batch.size).toBe(2);
    expect(Array.from(batch.y)).toEqual([7, 4]);
    expect(batch.x[0]).toBeCloseTo(10 / 255, 6);
    expect(batch.x[2]).toBeCloseTo(200 / 255, 6);
    expect(batch.x[12]).toBeCloseTo(0, 6);
  });

  it("standardises per channel with the train split's stats (constant channels stay finite)", () => {
    const samples = tinyRgb();
    const stats = channelStats(samples);
    const batch = fillBatch(samples, [0, 1], { normalise: 'standard', stats });
    const red = Array.from(batch.x).filter((_, i) => i % 3 === 0);
    const mean = red.reduce((a, b) => a + b, 0) / red.length;
    const variance = red.reduce((a, b) => a + (b - mean) ** 2, 0) / red.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(variance).toBeCloseTo(1, 4);
    expect(batch.x[1]).toBeCloseTo(0, 6);
    expect(() => fillBatch(samples, [0], { normalise: 'standard' })).toThrow(/needs stats/);
  });

  it('augments deterministically from the rng, with flips and black padding', () => {
    const samples = ramp(64);
    const opts = { normalise: 'unit', augment: { cropPadding: 1, flip: true } } as const;
    const indices = Array.from({ length: 64 }, (_, i) => i);
    const a = fillBatch(samples, indices, opts, createRng(9));
    const b = fillBatch(samples, indices, opts, createRng(9));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    const rows = new Set<string>();
    for (let n = 0; n < 64; n++)
      rows.add(Array.from(a.x.subarray(n * 3, n * 3 + 3), (v) => Math.round(v * 255)).join(','));
    // Flipped rows appear, shifted rows pad with black, and unshifted originals remain.
    expect(rows.has('3,2,1')).toBe(true);
    expect([...rows].some((row) => row.startsWith('0,') || row.endsWith(',0'))).toBe(true);
    expect(rows.has('1,2,3')).toBe(true);
    expect(() => fillBatch(samples, [0], opts)).toThrow(/needs a seeded rng/);
  });

  it('refuses indices outside the samples', () => {
    expect(() => fillBatch(ramp(2), [2], { normalise: 'unit' })).toThrow(RangeError);
  });
});
