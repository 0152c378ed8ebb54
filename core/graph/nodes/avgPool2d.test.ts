import { describe, expect, it } from 'vitest';
import { avgPool2d } from './avgPool2d';

describe('avgPool2d descriptor', () => {
  it('pools like max pooling under its own title', () => {
    expect(avgPool2d.infer({ pool: 3, stride: 2, padding: 'same' }, [[7, 7, 4]]).shape).toEqual([4, 4, 4]);
    expect(avgPool2d.title).toBe('Average pool');
    expect(avgPool2d.digest(avgPool2d.defaults)).toBe('2×2 /2 valid');
  });
});
