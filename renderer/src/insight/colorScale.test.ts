import { describe, expect, it } from 'vitest';
import {
  divergingColor,
  logPosition,
  mapPicture,
  maxAbs,
  positiveExtent,
  weightsPicture,
} from './colorScale';

describe('colour scales', () => {
  it('is symmetric around white: zero is white, ±1 are the two ends', () => {
    expect(divergingColor(0)).toEqual([247, 247, 247]);
    expect(divergingColor(1)).toEqual([178, 24, 43]);
    expect(divergingColor(-1)).toEqual([33, 102, 172]);
    expect(divergingColor(5)).toEqual(divergingColor(1));
    expect(divergingColor(Number.NaN)).toEqual(divergingColor(0));
  });

  it('normalises each filter by its own largest |weight|', () => {
    const values = [0, 0.5, -1, 0, /* second filter */ 0, 10, -20, 0];
    const a = weightsPicture(values, 0, 2, 2, 1, 'channel');
    const b = weightsPicture(values, 4, 2, 2, 1, 'channel');
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data.slice(8, 12))).toEqual([33, 102, 172, 255]);
    expect(maxAbs([0, 0])).toBeGreaterThan(0);
  });

  it('draws RGB weights around mid-gray', () => {
    const picture = weightsPicture([1, 0, -1], 0, 1, 1, 3, 'rgb');
    expect(Array.from(picture.data)).toEqual([255, 128, 1, 255]);
  });

  it('stretches a feature map from its min to its max', () => {
    const picture = mapPicture([2, 4, 6, 8], 0, 2, 2);
    expect(Array.from(picture.data.slice(0, 4))).toEqual([68, 1, 84, 255]);
    expect(Array.from(picture.data.slice(12, 16))).toEqual([253, 231, 37, 255]);
  });

  it('places gradient norms on a log axis and skips missing ones', () => {
    const [lo, hi] = positiveExtent([
      [1e-4, null],
      [1, 0],
    ]);
    expect([lo, hi]).toEqual([1e-4, 1]);
    expect(logPosition(1e-2, lo, hi)).toBeCloseTo(0.5, 10);
    expect(logPosition(null, lo, hi)).toBeNull();
    expect(logPosition(0, lo, hi)).toBeNull();
  });
});
