import { describe, expect, it } from 'vitest';
import { flatten } from './flatten';

describe('flatten descriptor', () => {
  it('multiplies out every dimension', () => {
    expect(flatten.infer({}, [[5, 5, 16]]).shape).toEqual([400]);
    expect(flatten.infer({}, [null]).shape).toBeNull();
  });
});
