import { describe, expect, it } from 'vitest';
import { generateShapes, SHAPE_CLASSES } from './shapes';

describe('shapes generator', () => {
  const options = { size: 32, color: 'rgb', count: 400, seed: 7 } as const;

  it('gives the same bytes for the same seed', () => {
    const a = generateShapes(options);
    const b = generateShapes(options);
    expect(Buffer.from(a.images).equals(Buffer.from(b.images))).toBe(true);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });

  it('gives different images for different seeds', () => {
    const a = generateShapes(options);
    const b = generateShapes({ ...options, seed: 8 });
    expect(Buffer.from(a.images).equals(Buffer.from(b.images))).toBe(false);
  });

  it('balances the classes and shuffles their order', () => {
    const { labels } = generateShapes(options);
    const counts = new Array<number>(SHAPE_CLASSES.length).fill(0);
    for (const label of labels) counts[label] = counts[label]! + 1;
    expect(counts).toEqual(new Array(SHAPE_CLASSES.length).fill(50));
    const inPlainOrder = Array.from(labels).every((label, i) => label === i % SHAPE_CLASSES.length);
    expect(inPlainOrder).toBe(false);
  });

  it('sizes 28×28 gray and 32×32 RGB images', () => {
    const gray = generateShapes({ size: 28, color: 'gray', count: 16, seed: 1 });
    expect(gray.shape).toEqual([28, 28, 1]);
    expect(gray.images.length).toBe(16 * 28 * 28);
    const rgb = generateShapes(options);
    expect(rgb.shape).toEqual([32, 32, 3]);
    expect(rgb.images.length).toBe(400 * 32 * 32 * 3);
  });

  it('draws a visible figure on every image (foreground and background differ)', () => {
    const { images, count } = generateShapes({ size: 28, color: 'gray', count: 200, seed: 3 });
    const pixels = 28 * 28;
    for (let n = 0; n < count; n++) {
      const image = images.subarray(n * pixels, (n + 1) * pixels);
      const sorted = Array.from(image).sort((a, b) => a - b);
      // The figure's level and the background's are at least 64 apart; noise blurs the extremes.
      expect(sorted[pixels - 4]! - sorted[3]!).toBeGreaterThan(40);
    }
  });

  it('makes vertical edges vertical: most rows are crossed, few columns', () => {
    const { images, labels, count } = generateShapes({ size: 28, color: 'gray', count: 80, seed: 5 });
    const pixels = 28 * 28;
    let checked = 0;
    for (let n = 0; n < count; n++) {
      if (labels[n] !== 0) continue;
      const image = images.subarray(n * pixels, (n + 1) * pixels);
      const background = image[0]!;
      const differs = (x: number, y: number): boolean => Math.abs(image[y * 28 + x]! - background) > 30;
      const rows = Array.from({ length: 28 }, (_, y) =>
        Array.from({ length: 28 }, (_, x) => differs(x, y)).some(Boolean),
      );
      const cols = Array.from({ length: 28 }, (_, x) =>
        Array.from({ length: 28 }, (_, y) => differs(x, y)).some(Boolean),
      );
      expect(rows.filter(Boolean).length).toBeGreaterThan(cols.filter(Boolean).length);
      checked++;
    }
    expect(checked).toBe(10);
  });
});
