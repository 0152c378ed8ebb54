import { describe, expect, it } from 'vitest';
import { correlate2d, formatKernel, KERNEL_PRESETS, parseKernel, toGray } from './edgeMap';

describe('edge maps', () => {
  it('[-1, 1] responds only where the brightness steps up (correlation, no flip)', () => {
    const image = [0, 0, 1, 1, 0, 0, 1, 1];
    const out = correlate2d(image, 4, 2, [[-1, 1]]);
    expect(out.width).toBe(3);
    expect(out.height).toBe(2);
    expect(Array.from(out.values)).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('Sobel x finds a vertical edge and ignores a horizontal one', () => {
    const sobelX = KERNEL_PRESETS.find((p) => p.id === 'sobel-x')?.kernel ?? [];
    const vertical = Array.from({ length: 25 }, (_, i) => (i % 5 >= 3 ? 1 : 0));
    const horizontal = Array.from({ length: 25 }, (_, i) => (Math.floor(i / 5) >= 3 ? 1 : 0));
    expect(Math.max(...correlate2d(vertical, 5, 5, sobelX).values)).toBe(4);
    expect(correlate2d(horizontal, 5, 5, sobelX).values.every((v) => v === 0)).toBe(true);
  });

  it('parses typed kernels and refuses ragged ones', () => {
    expect(parseKernel('-1 1')).toEqual([[-1, 1]]);
    expect(parseKernel('-1,0,1; -2,0,2; -1,0,1')).toHaveLength(3);
    expect(parseKernel('1 2; 3')).toBeNull();
    expect(parseKernel('a b')).toBeNull();
    expect(formatKernel([[-1, 0.5]])).toBe('-1 0.5');
  });

  it('converts RGBA to luminance', () => {
    expect(
      Array.from(toGray([255, 255, 255, 255, 0, 0, 0, 255], 2, 1)).map((v) => Number(v.toFixed(3))),
    ).toEqual([1, 0]);
  });
});
