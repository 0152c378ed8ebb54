import { describe, expect, it } from 'vitest';
import { output } from './output';

describe('output descriptor', () => {
  it('is a biased fully-connected layer to one unit per class', () => {
    expect(output.infer({ classes: 1000 }, [[1024]]).params).toBe(1_025_000);
    expect(output.infer(output.defaults, [[84]]).shape).toEqual([10]);
    expect(output.group).toBe('io');
  });
});
