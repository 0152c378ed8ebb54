import { describe, expect, it } from 'vitest';
import { camOverlay, heatColor, overlayScale, resizeBilinear } from './camOverlay';

describe('camOverlay', () => {
  it('resizes a map bilinearly with pixel centres aligned', () => {
    // 1×2 → 1×4: centres at source x = -0.25, 0.25, 0.75, 1.25 (clamped to [0, 1]).
    const out = resizeBilinear({ values: [0, 4], height: 1, width: 2 }, 1, 4);
    expect(Array.from(out)).toEqual([0, 1, 3, 4]);
    // A constant map stays constant at any size.
    const flat = resizeBilinear({ values: [2, 2, 2, 2], height: 2, width: 2 }, 5, 3);
    expect(Array.from(flat).every((v) => v === 2)).toBe(true);
  });

  it('colours 0 dark blue and the maximum dark red', () => {
    expect(heatColor(0)).toEqual([0, 0, 128]);
    expect(heatColor(1)).toEqual([128, 0, 0]);
    expect(heatColor(Number.NaN)).toEqual([0, 0, 128]);
  });

  it('enlarges the picture and blends heat where the map is hot', () => {
    const picture = { pixels: [0, 0, 0, 0], height: 2, width: 2, channels: 1 };
    const map = { values: [0, 0, 0, 1], height: 2, width: 2 };
    const out = camOverlay(picture, map, { scale: 2, alpha: 0.5 });
    expect(out.width).toBe(4);
    expect(out.height).toBe(4);
    expect(out.data).toHaveLength(4 * 4 * 4);
    const pixel = (x: number, y: number) =>
      Array.from(out.data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4));
    // Bottom-right is the map's maximum: half of dark red over black.
    expect(pixel(3, 3)).toEqual([64, 0, 0, 255]);
    // Top-left is 0: half of dark blue.
    expect(pixel(0, 0)).toEqual([0, 0, 64, 255]);
  });

  it('leaves the picture plain when the map is all zero', () => {
    const picture = { pixels: [10, 20, 30, 40, 50, 60], height: 1, width: 2, channels: 3 };
    const out = camOverlay(picture, { values: [0], height: 1, width: 1 }, { scale: 1, alpha: 0.5 });
    expect(Array.from(out.data)).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
  });

  it('picks an enlargement of at least the target size', () => {
    expect(overlayScale(28, 28)).toBe(8);
    expect(overlayScale(32, 16)).toBe(7);
    expect(overlayScale(500, 300)).toBe(1);
  });
});
