import type { Padding } from '../../../core/graph/schema';

/** Everything the conv-arithmetic preview draws, for one axis size N (square input). */
export interface KernelPreviewGeometry {
  /** Input side N, and the padded side N + padBefore + padAfter. */
  n: number;
  padded: number;
  padBefore: number;
  padAfter: number;
  /** Effective kernel side d(F − 1) + 1 and stride. */
  kernel: number;
  stride: number;
  /** Output side. */
  out: number;
  /** Top-left corner of each window in padded coordinates, row-major over the output. */
  windows: { row: number; col: number; outRow: number; outCol: number }[];
  /** Padded rows/columns at the far edge that no window covers. */
  unused: number;
  /** The formula with its numbers, e.g. "(7 − 3 + 2·0)/3 + 1 = 2.33 → 2". */
  formula: string;
}

/**
 * The kernel sliding over an N×N input at the node's stride and padding,
 * matching tfjs: `valid` pads nothing, an explicit P pads P on every side,
 * `same` pads max((out − 1)·S + F − N, 0) split with the extra one after.
 */
export function kernelPreviewGeometry(opts: {
  n: number;
  kernel: number;
  stride: number;
  padding: Padding;
  dilation?: number;
}): KernelPreviewGeometry {
  const n = Math.max(1, Math.floor(opts.n));
  const stride = Math.max(1, Math.floor(opts.stride));
  const kernel = (opts.dilation ?? 1) * (Math.max(1, Math.floor(opts.kernel)) - 1) + 1;
  let padBefore = 0;
  let padAfter = 0;
  let out: number;
  let formula: string;
  if (opts.padding === 'same') {
    out = Math.ceil(n / stride);
    const total = Math.max((out - 1) * stride + kernel - n, 0);
    padBefore = Math.floor(total / 2);
    padAfter = total - padBefore;
    formula = `same: ⌈${n}/${stride}⌉ = ${out} (padding ${padBefore} before, ${padAfter} after)`;
  } else {
    const p = opts.padding === 'valid' ? 0 : opts.padding;
    padBefore = p;
    padAfter = p;
    const exact = (n - kernel + 2 * p) / stride + 1;
    out = Math.max(0, Math.floor(exact));
    const shown = String(Number(exact.toFixed(2)));
    formula = `(N − F + 2P)/S + 1 = (${n} − ${kernel} + 2·${p})/${stride} + 1 = ${shown}${Number.isInteger(exact) ? '' : ` → ${out}`}`;
  }
  const padded = n + padBefore + padAfter;
  const windows: KernelPreviewGeometry['windows'] = [];
  for (let r = 0; r < out; r++) {
    for (let c = 0; c < out; c++) windows.push({ row: r * stride, col: c * stride, outRow: r, outCol: c });
  }
  const covered = out > 0 ? (out - 1) * stride + kernel : 0;
  const unused = Math.max(0, padded - covered);
  return { n, padded, padBefore, padAfter, kernel, stride, out, windows, unused, formula };
}
