import { describe, expect, it } from 'vitest';
import { convOutputSize } from '../../../core/graph/shape';
import { kernelPreviewGeometry } from './kernelPreview';

describe('kernel preview geometry', () => {
  it('reproduces the primer: 3×3 on 7×7 gives 5 at stride 1 and 3 at stride 2', () => {
    expect(kernelPreviewGeometry({ n: 7, kernel: 3, stride: 1, padding: 'valid' }).out).toBe(5);
    const s2 = kernelPreviewGeometry({ n: 7, kernel: 3, stride: 2, padding: 'valid' });
    expect(s2.out).toBe(3);
    expect(s2.unused).toBe(0);
    expect(s2.windows).toHaveLength(9);
    expect(s2.windows.at(-1)).toEqual({ row: 4, col: 4, outRow: 2, outCol: 2 });
  });

  it('highlights the row a stride of 3 leaves unused, with the formula', () => {
    const g = kernelPreviewGeometry({ n: 7, kernel: 3, stride: 3, padding: 'valid' });
    expect(g.out).toBe(2);
    expect(g.unused).toBe(1);
    expect(g.formula).toBe('(N − F + 2P)/S + 1 = (7 − 3 + 2·0)/3 + 1 = 2.33 → 2');
  });

  it('draws an explicit padding ring and keeps the size with P = (F − 1)/2', () => {
    const g = kernelPreviewGeometry({ n: 5, kernel: 3, stride: 1, padding: 1 });
    expect(g).toMatchObject({ padded: 7, padBefore: 1, padAfter: 1, out: 5, unused: 0 });
  });

  it('splits same padding like tfjs, the odd one after', () => {
    const g = kernelPreviewGeometry({ n: 6, kernel: 3, stride: 2, padding: 'same' });
    expect(g).toMatchObject({ out: 3, padBefore: 0, padAfter: 1, unused: 0 });
  });

  it('agrees with core’s shape inference on size and unused count', () => {
    for (const n of [5, 7, 8, 11]) {
      for (const kernel of [1, 2, 3, 5]) {
        for (const stride of [1, 2, 3]) {
          for (const padding of ['valid', 0, 1, 2, 'same'] as const) {
            if (kernel > n + 2 * (typeof padding === 'number' ? padding : 0) && padding !== 'same') continue;
            const g = kernelPreviewGeometry({ n, kernel, stride, padding });
            const core = convOutputSize(n, kernel, stride, padding);
            // Core reports 0 unused for `same`; the preview shows the true count (a 1×1 kernel at stride 3 skips rows).
            const unused = padding === 'same' ? core.unused : g.unused;
            expect([g.out, unused], `${n} ${kernel} ${stride} ${padding}`).toEqual([core.size, core.unused]);
          }
        }
      }
    }
  });
});
