import { describe, expect, it } from 'vitest';
import { dropout } from './dropout';

describe('dropout descriptor', () => {
  it('keeps the shape and refuses a rate of 1', () => {
    expect(dropout.infer(dropout.defaults, [[128]]).shape).toEqual([128]);
    expect(dropout.params.safeParse({ rate: 1 }).success).toBe(false);
    expect(dropout.digest({ rate: 0.25 })).toBe('rate 0.25');
  });
});
