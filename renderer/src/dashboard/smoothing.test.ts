import { describe, expect, it } from 'vitest';
import { smoothSeries } from './smoothing';

describe('smoothSeries', () => {
  it('is the raw curve at weight 0', () => {
    expect(smoothSeries([3, 1, 2], 0)).toEqual([3, 1, 2]);
  });

  it('starts at the first value (debiased) and follows a moving average', () => {
    const out = smoothSeries([2, 0, 0], 0.5);
    expect(out[0]).toBeCloseTo(2);
    // The EMA is 1, 0.5, 0.25, debiased by 1 - 0.5, 1 - 0.25 and 1 - 0.125.
    expect(out[1]).toBeCloseTo(0.5 / 0.75);
    expect(out[2]).toBeCloseTo(0.25 / 0.875);
  });

  it('keeps gaps as gaps without moving the average', () => {
    const out = smoothSeries([4, null, 4], 0.9);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeCloseTo(4);
  });

  it('damps noise: a smoothed alternating series varies less than the raw one', () => {
    const raw = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 1 : 3));
    const smooth = smoothSeries(raw, 0.8).slice(10) as number[];
    expect(Math.max(...smooth) - Math.min(...smooth)).toBeLessThan(1);
  });
});
