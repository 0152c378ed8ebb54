import { describe, expect, it } from 'vitest';
import { activation } from './activation';

describe('activation descriptor', () => {
  it('keeps the shape and names its function, with α only where it is used', () => {
    expect(activation.infer(activation.defaults, [[4, 4, 2]]).shape).toEqual([4, 4, 2]);
    expect(activation.digest({ fn: 'leakyRelu', alpha: 0.2 })).toBe('leaky ReLU α=0.2');
    expect(activation.digest({ fn: 'gelu', alpha: 0.2 })).toBe('GELU');
    expect(activation.params.safeParse({ fn: 'swish', alpha: 0 }).success).toBe(false);
  });
});
