/**
 * Draws a Grad-CAM heatmap over the picture it explains, as RGBA bytes: the
 * same pixels in the app's canvas and in the PNG `deepwire predict --cam`
 * writes. The map (the conv layer's resolution) is stretched bilinearly over
 * the picture (nearest-neighbour, so its pixels stay visible) and coloured
 * dark blue (0) → red (the map's maximum).
 */

export type Rgb = readonly [number, number, number];

/** A picture as HWC bytes with 1 (gray) or 3 (RGB) channels. */
export interface PicturePixels {
  pixels: ArrayLike<number>;
  height: number;
  width: number;
  channels: number;
}

/** Non-negative values, row-major. */
export interface HeatMap {
  values: ArrayLike<number>;
  height: number;
  width: number;
}

export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Jet-like stops, as Grad-CAM figures are usually drawn. */
const HEAT: Rgb[] = [
  [0, 0, 128],
  [0, 0, 255],
  [0, 255, 255],
  [255, 255, 0],
  [255, 0, 0],
  [128, 0, 0],
];

/** t in [0, 1] → dark blue … cyan … yellow … red. */
export function heatColor(t: number): Rgb {
  const v = (Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0) * (HEAT.length - 1);
  const i = Math.min(Math.floor(v), HEAT.length - 2);
  const a = HEAT[i] ?? HEAT[0]!;
  const b = HEAT[i + 1] ?? HEAT[0]!;
  const f = v - i;
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** Bilinear resampling with pixel centres aligned (half-pixel offsets), edges clamped. */
export function resizeBilinear(map: HeatMap, outHeight: number, outWidth: number): Float32Array {
  const out = new Float32Array(outHeight * outWidth);
  const at = (r: number, c: number) => map.values[r * map.width + c] ?? 0;
  for (let y = 0; y < outHeight; y++) {
    const sy = Math.min(Math.max(((y + 0.5) * map.height) / outHeight - 0.5, 0), map.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, map.height - 1);
    const fy = sy - y0;
    for (let x = 0; x < outWidth; x++) {
      const sx = Math.min(Math.max(((x + 0.5) * map.width) / outWidth - 0.5, 0), map.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, map.width - 1);
      const fx = sx - x0;
      const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
      const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
      out[y * outWidth + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/**
 * The picture enlarged `scale` times with the heatmap blended over it
 * (`alpha` of heat colour). The map is scaled by its own maximum, so an
 * all-zero map (nothing pushes towards the class) leaves the picture plain.
 */
export function camOverlay(
  picture: PicturePixels,
  map: HeatMap,
  opts: { scale: number; alpha: number },
): Rgba {
  const scale = Math.max(1, Math.floor(opts.scale));
  const width = picture.width * scale;
  const height = picture.height * scale;
  const heat = resizeBilinear(map, height, width);
  let max = 0;
  for (const v of heat) if (Number.isFinite(v) && v > max) max = v;
  const data = new Uint8ClampedArray(width * height * 4);
  const gray = picture.channels < 3;
  for (let y = 0; y < height; y++) {
    const sy = Math.floor(y / scale);
    for (let x = 0; x < width; x++) {
      const source = (sy * picture.width + Math.floor(x / scale)) * picture.channels;
      const o = (y * width + x) * 4;
      const t = max > 0 ? (heat[y * width + x] ?? 0) / max : 0;
      const colour = heatColor(t);
      const alpha = max > 0 ? opts.alpha : 0;
      for (let c = 0; c < 3; c++) {
        const base = picture.pixels[source + (gray ? 0 : c)] ?? 0;
        data[o + c] = Math.round(base * (1 - alpha) + (colour[c] ?? 0) * alpha);
      }
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/** The enlargement that makes a picture at least `target` pixels on its longer side. */
export function overlayScale(height: number, width: number, target = 224): number {
  return Math.max(1, Math.ceil(target / Math.max(height, width, 1)));
}
