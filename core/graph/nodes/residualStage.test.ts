import { describe, expect, it } from 'vitest';
import { residualStage } from './residualStage';

describe('residualStage descriptor', () => {
  it('is a composite on images whose digest says which shortcut it uses', () => {
    expect(residualStage.kind).toBe('composite');
    expect(residualStage.params.parse(residualStage.defaults)).toEqual(residualStage.defaults);
    expect(residualStage.digest({ ...residualStage.defaults, shortcut: 'projection' })).toBe(
      '3 blocks × 16 /1 residual, 1×1 proj',
    );
    expect(residualStage.digest({ ...residualStage.defaults, residual: false })).toBe(
      '3 blocks × 16 /1 plain',
    );
  });
});
