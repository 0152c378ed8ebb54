import type { Padding } from './params';

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

/** Spatial output [height, width] of a windowed op on an image, or null when either side would be ≤ 0. */
export function windowOutput(
  input: readonly number[],
  kernel: number,
  stride: number,
  padding: Padding,
  dilation = 1,
): [number, number] | null {
  const h = convOutputSize(input[0] ?? 0, kernel, stride, padding, dilation).size;
  const w = convOutputSize(input[1] ?? 0, kernel, stride, padding, dilation).size;
  return h > 0 && w > 0 ? [h, w] : null;
}

/** 'same' padding as TensorFlow computes it: total = max((⌈n/s⌉−1)·s + k_eff − n, 0), the extra one after. */
export function samePads(size: number, kernel: number, stride: number, dilation = 1): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + effectiveKernel(kernel, dilation) - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** A window's per-side zero padding [top, bottom, left, right] on an image of `inputShape` (H, W first). */
export function windowPads(
  padding: Padding,
  inputShape: readonly number[],
  kernel: number,
  stride: number,
  dilation = 1,
): { top: number; bottom: number; left: number; right: number } {
  if (padding === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (typeof padding === 'number') return { top: padding, bottom: padding, left: padding, right: padding };
  const [top, bottom] = samePads(inputShape[0] ?? 0, kernel, stride, dilation);
  const [left, right] = samePads(inputShape[1] ?? 0, kernel, stride, dilation);
  return { top, bottom, left, right };
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
