/**
 * Hand-set kernels: a tiny 2-D cross-correlation in plain JS (what deep
 * learning calls convolution, primer §10), so the inspector can show a
 * kernel's edge map on a sample without the engine.
 */

export type Kernel = number[][];

export const KERNEL_PRESETS: { id: string; label: string; kernel: Kernel }[] = [
  { id: 'dx', label: '[−1, 1] (x-gradient)', kernel: [[-1, 1]] },
  { id: 'dy', label: '[−1; 1] (y-gradient)', kernel: [[-1], [1]] },
  {
    id: 'sobel-x',
    label: 'Sobel x (vertical edges)',
    kernel: [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  },
  {
    id: 'sobel-y',
    label: 'Sobel y (horizontal edges)',
    kernel: [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
  },
  {
    id: 'laplacian',
    label: 'Laplacian (all edges)',
    kernel: [
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ],
  },
  {
    id: 'blur',
    label: 'Box blur',
    kernel: [
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
    ],
  },
];

/** RGBA bytes → luminance in [0, 1]. */
export function toGray(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    out[i] =
      (0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0)) / 255;
  }
  return out;
}

/**
 * Valid cross-correlation: out[y][x] = Σ k[i][j] · in[y + i][x + j], no
 * flip, no padding, so the output is (H − kh + 1) × (W − kw + 1).
 */
export function correlate2d(
  image: ArrayLike<number>,
  width: number,
  height: number,
  kernel: Kernel,
): { values: Float32Array; width: number; height: number } {
  const kh = kernel.length;
  const kw = kernel.reduce((m, row) => Math.max(m, row.length), 0);
  const outH = Math.max(0, height - kh + 1);
  const outW = Math.max(0, width - kw + 1);
  const values = new Float32Array(outH * outW);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let sum = 0;
      for (let i = 0; i < kh; i++) {
        const row = kernel[i] ?? [];
        for (let j = 0; j < row.length; j++) sum += (row[j] ?? 0) * (image[(y + i) * width + x + j] ?? 0);
      }
      values[y * outW + x] = sum;
    }
  }
  return { values, width: outW, height: outH };
}

/** Parses a kernel typed as rows of numbers ("-1 1" or "-1,0,1; -2,0,2"); null if not rectangular. */
export function parseKernel(text: string): Kernel | null {
  const rows = text
    .split(/[;\n]/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0)
    .map((r) => r.split(/[\s,]+/).map(Number));
  if (rows.length === 0 || rows.length > 9) return null;
  const width = rows[0]?.length ?? 0;
  if (width === 0 || width > 9) return null;
  if (rows.some((r) => r.length !== width || r.some((v) => !Number.isFinite(v)))) return null;
  return rows;
}

export function formatKernel(kernel: Kernel): string {
  return kernel.map((row) => row.map((v) => String(Number(v.toFixed(3)))).join(' ')).join('; ');
}
