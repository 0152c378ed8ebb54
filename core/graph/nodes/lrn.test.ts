import { describe, expect, it } from 'vitest';
import { lrn } from './lrn';

describe('lrn descriptor', () => {
  it('keeps an image shape and refuses a vector', () => {
    expect(lrn.infer(lrn.defaults, [[13, 13, 96]]).shape).toEqual([13, 13, 96]);
    expect(lrn.infer(lrn.defaults, [[96]]).shape).toBeNull();
    expect(lrn.digest(lrn.defaults)).toBe('r=2 α=0.0001 β=0.75');
  });
});
