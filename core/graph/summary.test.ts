import { describe, expect, it } from 'vitest';
import { formatCount, formatShape, formatSummary, summarize } from './summary';
import { buildLeNet5 } from '../templates/classic';
import { buildCifarNet } from '../templates/resnet';

describe('formatCount', () => {
  it('quotes counts the way papers do', () => {
    expect(formatCount(850_000)).toBe('0.85M');
    expect(formatCount(61_706)).toBe('61.7k');
    expect(formatCount(138_357_544)).toBe('138.4M');
    expect(formatCount(853_018)).toBe('0.85M');
    expect(formatCount(1_730_714)).toBe('1.7M');
    expect(formatCount(11_699_112)).toBe('11.7M');
    expect(formatCount(850)).toBe('850');
    expect(formatCount(12_000)).toBe('12k');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(2_500_000_000)).toBe('2.5G');
  });
});

describe('formatShape', () => {
  it('joins dimensions with ×', () => {
    expect(formatShape([28, 28, 1])).toBe('28×28×1');
    expect(formatShape([10])).toBe('10');
    expect(formatShape(null)).toBe('?');
  });
});

describe('summarize', () => {
  it('lists rows in topological order with shapes and params', () => {
    const summary = summarize(buildLeNet5());
    expect(summary.rows[0]).toMatchObject({ nodeId: 'input', title: 'Input', shape: [28, 28, 1], params: 0 });
    expect(summary.rows.find((r) => r.nodeId === 'c3')).toMatchObject({ shape: [10, 10, 16], params: 2416 });
    expect(summary.totalParams).toBe(61_706);
    const text = formatSummary(summary);
    expect(text).toContain('Total params: 61,706 (61.7k)');
    expect(text).toMatch(/c3 \(Conv 2D\)\s+10×10×16\s+2,416/);
  });
});

describe('activation memory per node', () => {
  it('gives each node its output per sample and its training-step share at the chosen batch', () => {
    const summary = summarize(buildLeNet5(), undefined, { batchSize: 64, optimizer: 'sgd' });
    const c1 = summary.rows.find((r) => r.nodeId === 'c1')!;
    expect(c1.activationBytes).toBe(28 * 28 * 6 * 4);
    // Kept for backward plus its gradient, for each of the 64 samples.
    expect(c1.stepActivationBytes).toBe(28 * 28 * 6 * 4 * 2 * 64);
    const sum = summary.rows.reduce((total, r) => total + r.stepActivationBytes, 0);
    expect(summary.step.activationBytes).toBe(sum);
    expect(summary.step.totalBytes).toBe(sum + 61_706 * 4 * 2);
    expect(formatSummary(summary)).toContain('Training step at batch 64 (sgd)');
  });

  it('counts every layer inside a composite, so plain and residual stages compare at equal compute', () => {
    const plain = summarize(buildCifarNet({ depth: 20, residual: false }));
    const residual = summarize(buildCifarNet({ depth: 20, residual: true }));
    const stage = (s: typeof plain) => s.rows.find((r) => r.type === 'residualStage')!;
    // 3 blocks × (conv, bn, relu, conv, bn, relu) of 32×32×16, and the residual one adds its 3 adds.
    expect(stage(plain).activationBytes).toBe(3 * 6 * 32 * 32 * 16 * 4);
    expect(stage(residual).activationBytes).toBe(3 * 7 * 32 * 32 * 16 * 4);
    expect(stage(residual).macs).toBe(stage(plain).macs);
  });
});
