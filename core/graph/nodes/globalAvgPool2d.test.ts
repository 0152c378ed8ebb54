import { describe, expect, it } from 'vitest';
import { globalAvgPool2d } from './globalAvgPool2d';

describe('globalAvgPool2d descriptor', () => {
  it('gives one feature per channel and needs an image', () => {
    expect(globalAvgPool2d.infer({}, [[7, 7, 1024]]).shape).toEqual([1024]);
    expect(globalAvgPool2d.infer({}, [[1024]]).shape).toBeNull();
    expect(globalAvgPool2d.traits.accepts).toBe('image');
  });
});
