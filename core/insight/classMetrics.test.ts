import { describe, expect, it } from 'vitest';
import { classMetrics } from './classMetrics';

describe('classMetrics', () => {
  it('computes precision, recall, F1 and support per class from rows = true class', () => {
    // true 0: 8 right, 2 called 1; true 1: 1 called 0, 4 right, 5 called 2; true 2: 10 right.
    const table = classMetrics([
      [8, 2, 0],
      [1, 4, 5],
      [0, 0, 10],
    ]);
    const [a, b, c] = table.classes;
    expect(a?.precision).toBeCloseTo(8 / 9, 12);
    expect(a?.recall).toBeCloseTo(8 / 10, 12);
    expect(a?.f1).toBeCloseTo((2 * (8 / 9) * 0.8) / (8 / 9 + 0.8), 12);
    expect(b?.precision).toBeCloseTo(4 / 6, 12);
    expect(b?.recall).toBeCloseTo(4 / 10, 12);
    expect(b?.f1).toBeCloseTo(0.5, 12);
    expect(c?.precision).toBeCloseTo(10 / 15, 12);
    expect(c?.recall).toBe(1);
    expect(table.classes.map((m) => m.support)).toEqual([10, 10, 10]);
    expect(table.macro.recall).toBeCloseTo((0.8 + 0.4 + 1) / 3, 12);
  });

  it('leaves undefined ratios null instead of calling them 0', () => {
    // Class 1 is never predicted; class 2 never occurs and is never predicted.
    const table = classMetrics([
      [3, 0, 0],
      [2, 0, 0],
      [0, 0, 0],
    ]);
    expect(table.classes[1]).toEqual({ precision: null, recall: 0, f1: null, support: 2 });
    expect(table.classes[2]).toEqual({ precision: null, recall: null, f1: null, support: 0 });
    expect(table.macro.precision).toBeCloseTo(3 / 5, 12);
    expect(table.macro.f1).toBeCloseTo((2 * 0.6) / 1.6, 12);
  });

  it('gives F1 0 when a class is predicted but never right', () => {
    const table = classMetrics([
      [0, 1],
      [1, 0],
    ]);
    expect(table.classes[0]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('handles an empty matrix', () => {
    expect(classMetrics([])).toEqual({ classes: [], macro: { precision: null, recall: null, f1: null } });
  });
});
