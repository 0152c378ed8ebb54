import { describe, expect, it } from 'vitest';
import { batchNorm } from './batchNorm';

describe('batchNorm descriptor', () => {
  it('has 4·C params of which 2·C train, on the last axis', () => {
    expect(batchNorm.infer(batchNorm.defaults, [[8, 8, 32]])).toEqual({
      shape: [8, 8, 32],
      params: 128,
      trainableParams: 64,
      macs: 0,
    });
    expect(batchNorm.infer(batchNorm.defaults, [[10]]).params).toBe(40);
  });
});
