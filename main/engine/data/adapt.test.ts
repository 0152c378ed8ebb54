import { describe, expect, it } from 'vitest';
import { adaptSamples } from './adapt';
import { DatasetError, type Samples } from './types';

function gray(side: number, value: (x: number, y: number) => number, count = 1): Samples {
  const images = new Uint8Array(count * side * side);
  for (let n = 0; n < count; n++) {
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) images[n * side * side + y * side + x] = value(x, y);
  }
  return { images, labels: new Uint8Array(count).fill(3), count, shape: [side, side, 1] };
}

describe('adaptSamples', () => {
  it('pads 28×28×1 to 32×32×3, centred, replicating gray into RGB', () => {
    const digits = gray(28, (x, y) => (x + y) % 256, 2);
    const adapted = adaptSamples(digits, [32, 32, 3]);
    expect(adapted.shape).toEqual([32, 32, 3]);
    expect(adapted.count).toBe(2);
    expect(adapted.images.length).toBe(2 * 32 * 32 * 3);
    const at = (n: number, x: number, y: number): number[] =>
      Array.from(adapted.images.subarray(n * 3072 + (y * 32 + x) * 3, n * 3072 + (y * 32 + x) * 3 + 3));
    expect(at(0, 0, 0)).toEqual([0, 0, 0]); // padding
    expect(at(0, 1, 1)).toEqual([0, 0, 0]);
    expect(at(1, 2 + 5, 2 + 9)).toEqual([14, 14, 14]); // source (5, 9)
    expect(at(1, 31, 31)).toEqual([0, 0, 0]);
    expect(Array.from(adapted.labels)).toEqual([3, 3]);
  });

  it('centre-crops a larger image and converts RGB to gray by luminance', () => {
    const images = new Uint8Array(4 * 4 * 3);
    for (let p = 0; p < 16; p++) images.set([p * 10, 0, 0], p * 3);
    images.set([100, 200, 50], (1 * 4 + 1) * 3);
    const rgb: Samples = { images, labels: Uint8Array.from([1]), count: 1, shape: [4, 4, 3] };
    const adapted = adaptSamples(rgb, [2, 2, 1]);
    expect(adapted.shape).toEqual([2, 2, 1]);
    expect(adapted.images[0]).toBe(Math.round(0.299 * 100 + 0.587 * 200 + 0.114 * 50));
    expect(adapted.images[3]).toBe(Math.round(0.299 * 100));
  });

  it('returns the same samples when the shape already fits', () => {
    const digits = gray(28, () => 1);
    expect(adaptSamples(digits, [28, 28, 1])).toBe(digits);
  });

  it('refuses impossible channel conversions and sizes with a DatasetError', () => {
    const digits = gray(28, () => 1);
    expect(() => adaptSamples(digits, [32, 32, 4])).toThrow(DatasetError);
    expect(() => adaptSamples(digits, [0, 32, 1])).toThrow(/each side must be/);
    const two: Samples = { ...digits, images: new Uint8Array(28 * 28 * 2), shape: [28, 28, 2] };
    expect(() => adaptSamples(two, [28, 28, 3])).toThrow(/cannot convert 2-channel images to 3 channels/);
  });
});
