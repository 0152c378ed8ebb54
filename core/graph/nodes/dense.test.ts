import { describe, expect, it } from 'vitest';
import { dense } from './dense';

describe('dense descriptor', () => {
  it('counts in·units (+ units) and needs a vector', () => {
    expect(dense.infer({ units: 120, useBias: true }, [[400]])).toEqual({
      shape: [120],
      params: 48_120,
      trainableParams: 48_120,
      macs: 48_000,
    });
    expect(dense.infer(dense.defaults, [[5, 5, 16]]).shape).toBeNull();
    expect(dense.traits.accepts).toBe('vector');
    expect(dense.digest({ units: 10, useBias: false })).toBe('10 units, no bias');
  });
});
