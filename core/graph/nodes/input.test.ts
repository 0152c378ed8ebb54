import { describe, expect, it } from 'vitest';
import { input } from './input';

describe('input descriptor', () => {
  it('outputs its own image shape, takes no inputs and has valid defaults', () => {
    expect(input.params.parse(input.defaults)).toEqual(input.defaults);
    expect(input.infer({ height: 32, width: 24, channels: 3 }, []).shape).toEqual([32, 24, 3]);
    expect(input.arity).toEqual({ min: 0, max: 0 });
    expect(input.digest(input.defaults)).toBe('28×28×1');
  });
});
