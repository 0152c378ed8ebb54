import { describe, expect, it } from 'vitest';
import { maxPool2d } from './maxPool2d';

describe('maxPool2d descriptor', () => {
  it('halves the image at 2×2 / 2, keeps channels and has no weights', () => {
    expect(maxPool2d.params.parse(maxPool2d.defaults)).toEqual(maxPool2d.defaults);
    expect(maxPool2d.infer(maxPool2d.defaults, [[28, 28, 6]])).toEqual({
      shape: [14, 14, 6],
      params: 0,
      trainableParams: 0,
      macs: 0,
    });
    expect(maxPool2d.traits.window?.(maxPool2d.defaults)).toEqual({
      kernel: 2,
      stride: 2,
      padding: 'valid',
      dilation: 1,
    });
  });
});
