import { describe, expect, it } from 'vitest';
import { concat } from './concat';

describe('concat descriptor', () => {
  it('sums channels when the leading dimensions match', () => {
    expect(
      concat.infer({}, [
        [8, 8, 16],
        [8, 8, 32],
      ]).shape,
    ).toEqual([8, 8, 48]);
    expect(
      concat.infer({}, [
        [8, 8, 16],
        [4, 4, 16],
      ]).shape,
    ).toBeNull();
    expect(concat.infer({}, [[8, 8, 16], [16]]).shape).toBeNull();
  });
});
