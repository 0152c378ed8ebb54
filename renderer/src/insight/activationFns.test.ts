import { describe, expect, it } from 'vitest';
import { ACTIVATION_FUNCTIONS } from '../../../core/graph/schema';
import { plotPath, scalarActivation, softmax } from './activationFns';

describe('activation plots', () => {
  it('gives each scalar function its known values', () => {
    expect(scalarActivation('relu').f(-2)).toBe(0);
    expect(scalarActivation('leakyRelu', 0.1).f(-2)).toBeCloseTo(-0.2);
    expect(scalarActivation('sigmoid').f(0)).toBe(0.5);
    expect(scalarActivation('binaryStep').f(0)).toBe(1);
    expect(scalarActivation('gelu').f(1)).toBeCloseTo(0.8413, 3);
    expect(scalarActivation('selu').f(1)).toBeCloseTo(1.0507, 4);
  });

  it('derivatives match finite differences away from kinks', () => {
    for (const fn of ACTIVATION_FUNCTIONS) {
      if (fn === 'softmax' || fn === 'binaryStep') continue;
      const { f, df } = scalarActivation(fn, 0.3);
      for (const x of [-2.3, -0.7, 0.4, 1.9]) {
        const numeric = (f(x + 1e-5) - f(x - 1e-5)) / 2e-5;
        expect(df(x), `${fn} at ${x}`).toBeCloseTo(numeric, 4);
      }
    }
  });

  it('softmax is a probability vector that keeps the order of the scores', () => {
    const p = softmax([2, 1, 0.1]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(p[1] ?? 1);
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
  });

  it('maps the curve into the plot box', () => {
    const path = plotPath((x) => x, { x0: -1, x1: 1, y0: -1, y1: 1, width: 100, height: 50 }, 2);
    expect(path).toBe('M0.0,50.0 L50.0,25.0 L100.0,0.0');
  });
});
