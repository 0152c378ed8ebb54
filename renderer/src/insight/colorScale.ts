/**
 * Colour scales for the inside views, as plain functions over numbers so they
 * are testable without a canvas. Weights use a symmetric diverging scale
 * (blue − white + red, 0 is white) so a filter's sign is readable; feature
 * maps use a sequential scale from their own min to max; gradient norms a
 * log scale, since they span orders of magnitude across depth.
 */

export type Rgb = readonly [number, number, number];

const NEGATIVE: Rgb = [33, 102, 172];
const ZERO: Rgb = [247, 247, 247];
const POSITIVE: Rgb = [178, 24, 43];

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

function clamp(value: number, lo: number, hi: number): number {
  return Number.isFinite(value) ? Math.min(hi, Math.max(lo, value)) : 0;
}

/** t in [−1, 1] → blue … white … red. */
export function divergingColor(t: number): Rgb {
  const v = clamp(t, -1, 1);
  return v < 0 ? mix(ZERO, NEGATIVE, -v) : mix(ZERO, POSITIVE, v);
}

/** A perceptually ordered dark-to-bright ramp (viridis stops), t in [0, 1]. */
const VIRIDIS: Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export function sequentialColor(t: number): Rgb {
  const v = clamp(t, 0, 1) * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(v), VIRIDIS.length - 2);
  return mix(VIRIDIS[i] ?? VIRIDIS[0]!, VIRIDIS[i + 1] ?? VIRIDIS[0]!, v - i);
}

/** The largest |value| (at least a tiny epsilon, so an all-zero filter stays white, not NaN). */
export function maxAbs(values: ArrayLike<number>, from = 0, to = values.length): number {
  let m = 0;
  for (let i = from; i < to; i++) {
    const v = Math.abs(values[i] ?? 0);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return Math.max(m, 1e-12);
}

export function extent(values: ArrayLike<number>, from = 0, to = values.length): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i] ?? 0;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** An RGBA picture: what PixelCanvas draws. */
export interface Picture {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * One filter or template (layout [row][col][channel], from `offset`) as a
 * picture, normalised by its own largest |weight|. RGB weights are drawn as
 * colour around mid-gray (0 → 128), the usual way of showing first-layer
 * filters; a single channel uses the diverging scale.
 */
export function weightsPicture(
  values: ArrayLike<number>,
  offset: number,
  height: number,
  width: number,
  channels: number,
  mode: 'rgb' | 'channel',
  channel = 0,
): Picture {
  const data = new Uint8ClampedArray(height * width * 4);
  const size = height * width * channels;
  const scale = maxAbs(values, offset, offset + size);
  for (let p = 0; p < height * width; p++) {
    const base = offset + p * channels;
    let rgb: Rgb;
    if (mode === 'rgb' && channels === 3) {
      rgb = [0, 1, 2].map((c) => 128 + 127 * clamp((values[base + c] ?? 0) / scale, -1, 1)) as unknown as Rgb;
    } else {
      rgb = divergingColor((values[base + channel] ?? 0) / scale);
    }
    data.set([rgb[0], rgb[1], rgb[2], 255], p * 4);
  }
  return { width, height, data };
}

/** One feature map (layout [row][col] from `offset`) scaled from its min to its max. */
export function mapPicture(
  values: ArrayLike<number>,
  offset: number,
  height: number,
  width: number,
): Picture {
  const data = new Uint8ClampedArray(height * width * 4);
  const [lo, hi] = extent(values, offset, offset + height * width);
  const span = hi - lo > 1e-12 ? hi - lo : 1;
  for (let p = 0; p < height * width; p++) {
    const rgb = sequentialColor(((values[offset + p] ?? 0) - lo) / span);
    data.set([rgb[0], rgb[1], rgb[2], 255], p * 4);
  }
  return { width, height, data };
}

/** Position of a positive value between lo and hi on a log10 axis, in [0, 1]; null for missing. */
export function logPosition(value: number | null, lo: number, hi: number): number | null {
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  const a = Math.log10(Math.max(lo, 1e-30));
  const b = Math.log10(Math.max(hi, 1e-30));
  if (b - a < 1e-12) return 0.5;
  return clamp((Math.log10(value) - a) / (b - a), 0, 1);
}

/** The smallest and largest positive finite values: the log scale's ends. */
export function positiveExtent(rows: readonly (readonly (number | null)[])[]): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (const row of rows) {
    for (const v of row) {
      if (v === null || !Number.isFinite(v) || v <= 0) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return hi > 0 ? [lo, hi] : [1, 1];
}

export function cssColor(rgb: Rgb): string {
  return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
}
