import { createRng, hashSeed, shuffleInPlace, type Rng } from '../../../core/random';
import type { Augment } from '../../../core/training/settings';
import { imageSize, type Samples } from './types';

export interface BatchOptions {
  /** 'unit': x/255. 'standard': (x/255 − mean) / std per channel, from `stats` (the train split's). */
  normalise: 'unit' | 'standard';
  /** Per-channel mean and std on the 0..1 scale (as `channelStats` returns them). */
  stats?: { mean: number[]; std: number[] };
  /** A coin-flip mirror, a crop of the black-padded image, then a shift filled with 0 (see augmentSchema). */
  augment?: Augment;
}

export interface Batch {
  /** size*H*W*C floats, NHWC. */
  x: Float32Array;
  /** Class indices (the trainer one-hots them if its loss needs it). */
  y: Int32Array;
  size: number;
}

/** Per-channel mean and standard deviation of the pixels, on the 0..1 scale. */
export function channelStats(samples: Samples): { mean: number[]; std: number[] } {
  const channels = samples.shape[2];
  const sum = new Float64Array(channels);
  const squares = new Float64Array(channels);
  const { images } = samples;
  const length = samples.count * imageSize(samples.shape);
  for (let i = 0; i < length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const value = images[i + c]! / 255;
      sum[c] = sum[c]! + value;
      squares[c] = squares[c]! + value * value;
    }
  }
  const perChannel = length / channels;
  const mean = Array.from(sum, (s) => (perChannel > 0 ? s / perChannel : 0));
  const std = Array.from(squares, (sq, c) =>
    perChannel > 0 ? Math.sqrt(Math.max(sq / perChannel - mean[c]! ** 2, 0)) : 0,
  );
  return { mean, std };
}

/** The sample order of one epoch: a seeded shuffle, the same for the same seed and epoch. */
export function epochOrder(count: number, seed: number, epoch: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  // Mix the epoch into the state so neighbouring epochs get unrelated streams.
  shuffleInPlace(order, createRng(seed, hashSeed(hashSeed(seed) ^ Math.imul(epoch + 1, 0x9e3779b1))));
  return order;
}

/** Per-channel affine map byte → float: value = byte * scale + shift. */
function normaliser(options: BatchOptions, channels: number): { scale: Float32Array; shift: Float32Array } {
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    if (options.normalise === 'unit') {
      scale[c] = 1 / 255;
      shift[c] = 0;
      continue;
    }
    const mean = options.stats?.mean[c];
    const std = options.stats?.std[c];
    if (mean === undefined || std === undefined) {
      throw new Error(
        `'standard' normalisation needs stats for all ${channels} channels (use channelStats on the train split)`,
      );
    }
    const safeStd = std > 1e-6 ? std : 1; // a constant channel stays centred instead of exploding
    scale[c] = 1 / (255 * safeStd);
    shift[c] = -mean / safeStd;
  }
  return { scale, shift };
}

/**
 * Copies the samples at `indices` into one float batch, normalised and, when
 * asked, augmented. Pure JS so it is deterministic and testable; `rng` drives
 * augmentation, drawn in a fixed order per sample, each draw only when its
 * augmentation is on: flip (next() < 0.5), crop dy, crop dx, shift dy, shift dx
 * (each int(2N+1) − N). The same rng state gives the same batch. Pixels the
 * crop uncovers are black (byte 0) before normalisation, as padding the raw
 * image would give; pixels the shift uncovers are 0 after it.
 */
export function fillBatch(
  samples: Samples,
  indices: ArrayLike<number>,
  opts: BatchOptions,
  rng?: Rng,
): Batch {
  const [height, width, channels] = samples.shape;
  const size = imageSize(samples.shape);
  const count = indices.length;
  const x = new Float32Array(count * size);
  const y = new Int32Array(count);
  const { scale, shift } = normaliser(opts, channels);
  const padding = Math.max(0, Math.floor(opts.augment?.cropPadding ?? 0));
  const shiftBy = Math.max(0, Math.floor(opts.augment?.shift ?? 0));
  const flipAllowed = opts.augment?.flip ?? false;
  if (opts.augment && (padding > 0 || shiftBy > 0 || flipAllowed) && !rng) {
    throw new Error('fillBatch: augmentation needs a seeded rng so runs stay reproducible');
  }
  for (let n = 0; n < count; n++) {
    const index = indices[n]!;
    if (index < 0 || index >= samples.count)
      throw new RangeError(`sample index ${index} outside 0..${samples.count - 1}`);
    y[n] = samples.labels[index]!;
    const src = index * size;
    const dst = n * size;
    let flip = false;
    let dy = 0;
    let dx = 0;
    let sdy = 0;
    let sdx = 0;
    if (rng && opts.augment) {
      flip = flipAllowed && rng.next() < 0.5;
      if (padding > 0) {
        dy = rng.int(2 * padding + 1) - padding;
        dx = rng.int(2 * padding + 1) - padding;
      }
      if (shiftBy > 0) {
        sdy = rng.int(2 * shiftBy + 1) - shiftBy;
        sdx = rng.int(2 * shiftBy + 1) - shiftBy;
      }
    }
    if (!flip && dy === 0 && dx === 0 && sdy === 0 && sdx === 0) {
      for (let i = 0; i < size; i += channels) {
        for (let c = 0; c < channels; c++)
          x[dst + i + c] = samples.images[src + i + c]! * scale[c]! + shift[c]!;
      }
      continue;
    }
    for (let row = 0; row < height; row++) {
      // The shift reads the cropped image at (ty, tx); the crop reads the flipped one at (sy, ·).
      const ty = row + sdy;
      const sy = ty + dy;
      for (let col = 0; col < width; col++) {
        const out = dst + (row * width + col) * channels;
        const tx = col + sdx;
        if (ty < 0 || ty >= height || tx < 0 || tx >= width) {
          x.fill(0, out, out + channels);
          continue;
        }
        const shifted = tx + dx;
        const sx = flip ? width - 1 - shifted : shifted;
        const inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
        const at = src + (sy * width + sx) * channels;
        for (let c = 0; c < channels; c++) {
          x[out + c] = (inside ? samples.images[at + c]! : 0) * scale[c]! + shift[c]!;
        }
      }
    }
  }
  return { x, y, size: count };
}
