import type { Padding } from './schema';

/** A tensor shape without the batch dimension: [height, width, channels] or [features]. */
export type Shape = number[];

/** Effective extent of a dilated kernel: d(F − 1) + 1. */
export function effectiveKernel(kernel: number, dilation = 1): number {
  return dilation * (kernel - 1) + 1;
}

/** The explicit zero padding P used in the formula; `same` has none (its size is ceil(N/S)). */
export function explicitPadding(padding: Padding): number {
  return typeof padding === 'number' ? padding : 0;
}

/**
 * Output size along one axis: (N − F_eff + 2P)/S + 1, floored; `same` gives
 * ceil(N/S). `unused` is how many input rows/cols the stride leaves
 * uncovered at the far edge ((N − F_eff + 2P) mod S; 0 for `same`).
 */
export function convOutputSize(
  n: number,
  kernel: number,
  stride: number,
  padding: Padding,
  dilation = 1,
): { size: number; unused: number } {
  if (padding === 'same') return { size: Math.ceil(n / stride), unused: 0 };
  const span = n - effectiveKernel(kernel, dilation) + 2 * explicitPadding(padding);
  if (span < 0) return { size: Math.floor(span / stride) + 1, unused: 0 };
  return { size: Math.floor(span / stride) + 1, unused: span % stride };
}

/** The formula with its numbers, e.g. "(7 − 3 + 2·0)/3 + 1 = 2.33", for messages. */
export function describeConvFormula(
  n: number,
  kernel: number,
  stride: number,
  padding: Padding,
  dilation = 1,
): string {
  const f = effectiveKernel(kernel, dilation);
  const p = explicitPadding(padding);
  const exact = (n - f + 2 * p) / stride + 1;
  const shown = String(Number(exact.toFixed(2)));
  return `(${n} − ${f} + 2·${p})/${stride} + 1 = ${shown}`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function elementCount(shape: Shape): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** "28×28×1", or "120 features" for a vector. */
export function formatDims(shape: Shape): string {
  return shape.length === 1 ? `${shape[0]!} features` : shape.join('×');
}
