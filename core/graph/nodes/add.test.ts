import { describe, expect, it } from 'vitest';
import { add } from './add';

describe('add descriptor', () => {
  it('needs two or more inputs of one shape', () => {
    expect(
      add.infer({}, [
        [8, 8, 16],
        [8, 8, 16],
      ]).shape,
    ).toEqual([8, 8, 16]);
    expect(
      add.infer({}, [
        [8, 8, 16],
        [8, 8, 32],
      ]).shape,
    ).toBeNull();
    expect(add.infer({}, [[8, 8, 16]]).shape).toBeNull();
    expect(add.arity.min).toBe(2);
    expect(add.traits.merge).toBe('add');
  });
});
