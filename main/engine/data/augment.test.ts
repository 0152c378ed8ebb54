import { describe, expect, it } from 'vitest';
import type { Rng } from '../../../core/random';
import { samplesSource } from '../train/data';
import { fillBatch } from './batches';
import type { Samples } from './types';

/** One 3×4 gray image whose pixel (r, c) is 10 + 4r + c, so every moved pixel is recognisable. */
function grid(): Samples {
  const images = Uint8Array.from({ length: 12 }, (_, i) => 10 + i);
  return { images, labels: Uint8Array.from([0]), count: 1, shape: [3, 4, 1] };
}

/** Plays back fixed draws and records which kind was asked for, to pin the draw order. */
function scripted(nexts: number[], ints: number[]): Rng & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    next: () => (calls.push('next'), nexts.shift() ?? 0),
    int: (n: number) => (calls.push(`int${n}`), ints.shift() ?? 0),
    normal: () => 0,
    state: () => 0,
  };
}

function rows(x: Float32Array, width: number): number[][] {
  return Array.from({ length: x.length / width }, (_, r) =>
    Array.from(x.subarray(r * width, r * width + width)),
  );
}

describe('augmentation', () => {
  it('mirrors, crops from black padding, then shifts with 0 fill, drawing flip, crop dy dx, shift dy dx', () => {
    // 'standard' with mean 0.1 and std 0.5: byte b becomes b/127.5 − 0.2, so black is −0.2, not 0.
    const stats = { mean: [0.1], std: [0.5] };
    // flip (0.2 < 0.5); crop int(5) 3,1 → dy 1, dx −1; shift int(3) 0,2 → dy −1, dx 1.
    const rng = scripted([0.2], [3, 1, 0, 2]);
    const opts = { normalise: 'standard', stats, augment: { flip: true, cropPadding: 2, shift: 1 } } as const;
    const batch = fillBatch(grid(), [0], opts, rng);
    expect(rng.calls).toEqual(['next', 'int5', 'int5', 'int3', 'int3']);
    const v = (b: number) => Math.fround(b * Math.fround(1 / 127.5) + Math.fround(-0.2));
    // Mirrored: row r is 13+4r, 12+4r, 11+4r, 10+4r. Cropped (out[r][c] = m[r+1][c−1]): row 0 is
    // black, 17, 16, 15; row 1: black, 21, 20, 19; row 2: all black. Shifted (out[r][c] = t[r−1][c+1]):
    // row 0 is filled with 0, then row 1 = t[0][1..3] + 0, row 2 = t[1][1..3] + 0.
    expect(rows(batch.x, 4)).toEqual([
      [0, 0, 0, 0],
      [v(17), v(16), v(15), 0],
      [v(21), v(20), v(19), 0],
    ]);
  });

  it('draws nothing for an augmentation that is off, and reads settings without shift as before', () => {
    const rng = scripted([0.9], [1, 1]);
    const batch = fillBatch(
      grid(),
      [0],
      { normalise: 'unit', augment: { flip: true, cropPadding: 0, shift: 1 } },
      rng,
    );
    expect(rng.calls).toEqual(['next', 'int3', 'int3']);
    expect(Array.from(batch.x, (x) => Math.round(x * 255))).toEqual(Array.from(grid().images));
    expect(() =>
      fillBatch(grid(), [0], { normalise: 'unit', augment: { flip: false, cropPadding: 0, shift: 2 } }),
    ).toThrow(/needs a seeded rng/);
  });

  it('gives every arm of a comparison the same augmented batches: they depend on the run seed alone', () => {
    const images = Uint8Array.from({ length: 40 * 36 }, (_, i) => (i * 37) % 256);
    const samples: Samples = { images, labels: new Uint8Array(40), count: 40, shape: [6, 6, 1] };
    const stats = { mean: [0.5], std: [0.25] };
    const augment = { flip: true, cropPadding: 2, shift: 1 };
    // Two arms build their own sources (as two runs do) and may ask for batches in any pattern.
    const a = samplesSource(samples, stats, { seed: 7, augment });
    const b = samplesSource(samples, stats, { seed: 7, augment });
    const fromA = [0, 1, 2, 3].map((i) => Array.from(a.batch(1, i, 10).x));
    const fromB = [0, 1, 2, 3].map((i) => Array.from(b.batch(1, i, 10).x));
    expect(fromB).toEqual(fromA);
    const other = samplesSource(samples, stats, { seed: 8, augment });
    expect(Array.from(other.batch(1, 0, 10).x)).not.toEqual(fromA[0]);
  });
});
