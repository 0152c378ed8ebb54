import { describe, expect, it } from 'vitest';
import { vggBlock } from './vggBlock';

describe('vggBlock descriptor', () => {
  it('is a composite on images with valid defaults', () => {
    expect(vggBlock.params.parse(vggBlock.defaults)).toEqual(vggBlock.defaults);
    expect(vggBlock.traits.accepts).toBe('image');
    expect(vggBlock.digest({ convs: 3, filters: 256, batchNorm: true })).toBe('3 × conv3×3 256 +BN + pool');
  });
});
