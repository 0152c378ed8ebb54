import { createRng, shuffleInPlace, type Rng } from '../../../core/random';
import type { ImageShape, Samples } from './types';

/**
 * A procedural dataset of edges and simple figures. Its point is the CNN
 * primer's: a first conv layer trained on it grows visible vertical,
 * horizontal and diagonal edge filters. Every image varies position, size,
 * stroke thickness, contrast polarity, colours and noise, so a class is only
 * learnable from its shape.
 */
export const SHAPE_CLASSES = [
  'vertical edge',
  'horizontal edge',
  'diagonal edge /',
  'anti-diagonal edge \\',
  'square',
  'circle',
  'cross',
  'triangle',
] as const;

export interface ShapesOptions {
  size: 28 | 32;
  color: 'gray' | 'rgb';
  count: number;
  seed: number;
}

/** Signed distance in pixels from a point to the figure's outline: negative inside. */
type Sdf = (x: number, y: number) => number;

/** A figure and the box outside which it cannot cover any pixel (so most pixels skip the SDF). */
interface Figure {
  sdf: Sdf;
  box: [left: number, top: number, right: number, bottom: number];
}

function bounded(sdf: Sdf, cx: number, cy: number, ex: number, ey: number): Figure {
  // One pixel more than the half-extents: the anti-aliased rim.
  return { sdf, box: [cx - ex - 1, cy - ey - 1, cx + ex + 1, cy + ey + 1] };
}

const MARGIN = 1;
const DEG = Math.PI / 180;

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(Math.max(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0), 1);
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/** A centre that keeps a figure of half-extents (ex, ey) inside the image. */
function centre(rng: Rng, size: number, ex: number, ey: number): [number, number] {
  const cx = uniform(rng, MARGIN + ex, Math.max(MARGIN + ex, size - MARGIN - ex));
  const cy = uniform(rng, MARGIN + ey, Math.max(MARGIN + ey, size - MARGIN - ey));
  return [cx, cy];
}

function line(rng: Rng, size: number, angle: number, thickness: number): Figure {
  const length = uniform(rng, 0.45, 0.9) * size;
  const ux = Math.cos(angle);
  const uy = -Math.sin(angle); // image y grows downwards
  const ex = Math.min((Math.abs(ux) * length) / 2 + thickness / 2, size / 2 - MARGIN);
  const ey = Math.min((Math.abs(uy) * length) / 2 + thickness / 2, size / 2 - MARGIN);
  const [cx, cy] = centre(rng, size, ex, ey);
  const hx = (ux * length) / 2;
  const hy = (uy * length) / 2;
  const sdf: Sdf = (x, y) => segmentDistance(x, y, cx - hx, cy - hy, cx + hx, cy + hy) - thickness / 2;
  return bounded(sdf, cx, cy, Math.abs(hx) + thickness / 2, Math.abs(hy) + thickness / 2);
}

function outlineOrFill(rng: Rng, inner: Sdf, thickness: number): Sdf {
  if (rng.next() < 0.5) return inner;
  return (x, y) => Math.abs(inner(x, y)) - thickness / 2;
}

function square(rng: Rng, size: number, thickness: number): Figure {
  const half = uniform(rng, 0.15, 0.35) * size;
  const [cx, cy] = centre(rng, size, half + thickness / 2, half + thickness / 2);
  const box: Sdf = (x, y) => {
    const qx = Math.abs(x - cx) - half;
    const qy = Math.abs(y - cy) - half;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0);
  };
  return bounded(outlineOrFill(rng, box, thickness), cx, cy, half + thickness / 2, half + thickness / 2);
}

function circle(rng: Rng, size: number, thickness: number): Figure {
  const radius = uniform(rng, 0.15, 0.38) * size;
  const [cx, cy] = centre(rng, size, radius + thickness / 2, radius + thickness / 2);
  const extent = radius + thickness / 2;
  return bounded(
    outlineOrFill(rng, (x, y) => Math.hypot(x - cx, y - cy) - radius, thickness),
    cx,
    cy,
    extent,
    extent,
  );
}

function cross(rng: Rng, size: number, thickness: number): Figure {
  const arm = uniform(rng, 0.2, 0.4) * size;
  const [cx, cy] = centre(rng, size, arm + thickness / 2, arm + thickness / 2);
  const sdf: Sdf = (x, y) =>
    Math.min(
      segmentDistance(x, y, cx - arm, cy, cx + arm, cy),
      segmentDistance(x, y, cx, cy - arm, cx, cy + arm),
    ) -
    thickness / 2;
  return bounded(sdf, cx, cy, arm + thickness / 2, arm + thickness / 2);
}

function triangle(rng: Rng, size: number, thickness: number): Figure {
  const radius = uniform(rng, 0.22, 0.42) * size;
  const turn = uniform(rng, -15, 15) * DEG;
  const corners = [-90, 30, 150].map((a) => [
    Math.cos(a * DEG + turn) * radius,
    Math.sin(a * DEG + turn) * radius,
  ]);
  const xs = corners.map((c) => c[0]!);
  const ys = corners.map((c) => c[1]!);
  const ex = Math.max(...xs.map(Math.abs)) + thickness / 2;
  const ey = Math.max(...ys.map(Math.abs)) + thickness / 2;
  const [cx, cy] = centre(rng, size, ex, ey);
  const [ax, bx, qx] = xs.map((v) => v + cx) as [number, number, number];
  const [ay, by, qy] = ys.map((v) => v + cy) as [number, number, number];
  const edge = (x: number, y: number): number =>
    Math.min(
      segmentDistance(x, y, ax, ay, bx, by),
      segmentDistance(x, y, bx, by, qx, qy),
      segmentDistance(x, y, qx, qy, ax, ay),
    );
  const side = (x: number, y: number, x1: number, y1: number, x2: number, y2: number): number =>
    (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
  const filled: Sdf = (x, y) => {
    const s1 = side(x, y, ax, ay, bx, by);
    const s2 = side(x, y, bx, by, qx, qy);
    const s3 = side(x, y, qx, qy, ax, ay);
    const inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
    return inside ? -edge(x, y) : edge(x, y);
  };
  return bounded(outlineOrFill(rng, filled, thickness), cx, cy, ex, ey);
}

function figure(label: number, rng: Rng, size: number): Figure {
  const thickness = uniform(rng, 1, Math.max(1.5, size / 10));
  const jitter = (degrees: number): number => uniform(rng, -degrees, degrees) * DEG;
  switch (label) {
    case 0:
      return line(rng, size, 90 * DEG + jitter(6), thickness);
    case 1:
      return line(rng, size, jitter(6), thickness);
    case 2:
      return line(rng, size, 45 * DEG + jitter(10), thickness);
    case 3:
      return line(rng, size, -45 * DEG + jitter(10), thickness);
    case 4:
      return square(rng, size, thickness);
    case 5:
      return circle(rng, size, thickness);
    case 6:
      return cross(rng, size, thickness);
    default:
      return triangle(rng, size, thickness);
  }
}

function luminance(c: number[]): number {
  return 0.299 * c[0]! + 0.587 * c[1]! + 0.114 * c[2]!;
}

/** Background and foreground colours far enough apart to see (also after a grayscale conversion). */
function palette(rng: Rng, channels: number): { bg: number[]; fg: number[] } {
  if (channels === 1) {
    const low = rng.int(256 - 64);
    const high = low + 64 + rng.int(256 - 64 - low);
    return rng.next() < 0.5 ? { bg: [low], fg: [high] } : { bg: [high], fg: [low] };
  }
  const bg = [rng.int(256), rng.int(256), rng.int(256)];
  let fg = [rng.int(256), rng.int(256), rng.int(256)];
  for (let tries = 0; tries < 16 && Math.abs(luminance(fg) - luminance(bg)) < 48; tries++) {
    fg = [rng.int(256), rng.int(256), rng.int(256)];
  }
  if (Math.abs(luminance(fg) - luminance(bg)) < 48) fg = bg.map((v) => 255 - v);
  return { bg, fg };
}

const NOISE_TABLE = 1 << 16;

/**
 * Gaussian noise read from a seeded table at a random offset and odd stride:
 * distinct values within one image, and far cheaper than a Box–Muller per pixel.
 */
function noiseTable(rng: Rng): Float32Array {
  const table = new Float32Array(NOISE_TABLE);
  for (let i = 0; i < NOISE_TABLE; i++) table[i] = rng.normal();
  return table;
}

function render(
  figure: Figure,
  rng: Rng,
  noise: Float32Array,
  size: number,
  channels: number,
  out: Uint8Array,
  at: number,
): void {
  const { bg, fg } = palette(rng, channels);
  const sigma = rng.next() < 0.5 ? uniform(rng, 2, 16) : 0;
  let cursor = rng.int(NOISE_TABLE);
  const stride = 2 * rng.int(NOISE_TABLE / 2) + 1;
  const [left, top, right, bottom] = figure.box;
  for (let y = 0; y < size; y++) {
    const rowInBox = y + 0.5 >= top && y + 0.5 <= bottom;
    for (let x = 0; x < size; x++) {
      const inBox = rowInBox && x + 0.5 >= left && x + 0.5 <= right;
      // Coverage from the distance at the pixel centre: a cheap one-pixel anti-aliasing.
      const alpha = inBox ? Math.min(Math.max(0.5 - figure.sdf(x + 0.5, y + 0.5), 0), 1) : 0;
      const pixel = at + (y * size + x) * channels;
      for (let c = 0; c < channels; c++) {
        cursor = (cursor + stride) & (NOISE_TABLE - 1);
        const value = bg[c]! + alpha * (fg[c]! - bg[c]!) + sigma * noise[cursor]!;
        out[pixel + c] = Math.min(Math.max(Math.round(value), 0), 255);
      }
    }
  }
}

/** `count` images, classes exactly balanced (up to remainder) in a seeded random order. */
export function generateShapes(options: ShapesOptions): Samples {
  const { size, color, seed } = options;
  const count = Math.max(0, Math.floor(options.count));
  const channels = color === 'rgb' ? 3 : 1;
  const shape: ImageShape = [size, size, channels];
  const rng = createRng(seed);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i % SHAPE_CLASSES.length;
  shuffleInPlace(order, rng);
  const labels = Uint8Array.from(order);
  const pixels = size * size * channels;
  const images = new Uint8Array(count * pixels);
  const noise = noiseTable(rng);
  for (let i = 0; i < count; i++)
    render(figure(labels[i]!, rng, size), rng, noise, size, channels, images, i * pixels);
  return { images, labels, count, shape };
}
