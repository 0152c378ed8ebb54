import { describe, expect, it } from 'vitest';
import { conv2d } from './conv2d';

describe('conv2d descriptor', () => {
  it('counts k·k·Cin·F + F weights and the output window', () => {
    expect(conv2d.params.parse(conv2d.defaults)).toEqual(conv2d.defaults);
    const r = conv2d.infer({ ...conv2d.defaults, filters: 6, kernel: 5, padding: 'valid' }, [[32, 32, 3]]);
    expect(r).toEqual({ shape: [28, 28, 6], params: 456, trainableParams: 456, macs: 28 * 28 * 6 * 25 * 3 });
    expect(conv2d.infer(conv2d.defaults, [[10]]).shape).toBeNull();
  });

  it('refuses stride with dilation by its parameters alone', () => {
    const p = { ...conv2d.defaults, stride: 2, dilation: 2 };
    expect(conv2d.traits.paramIssue?.(p)?.code).toBe('stride-with-dilation');
    expect(conv2d.traits.paramIssue?.(conv2d.defaults)).toBeNull();
    expect(conv2d.digest(p)).toBe('16 @ 3×3 /2 same d2');
  });
});
