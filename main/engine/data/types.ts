import { basename } from 'node:path';

/** Tensor shapes exclude the batch dimension: images are [height, width, channels] (NHWC). */
export type ImageShape = [height: number, width: number, channels: number];

/** A block of images with their labels, stored compactly as bytes. */
export interface Samples {
  /** count*H*W*C bytes, HWC order per image, 0..255. */
  images: Uint8Array;
  /** One class index per image. */
  labels: Uint8Array;
  count: number;
  shape: ImageShape;
}

export interface Dataset {
  /** e.g. 'digits', 'fashion-mnist'. */
  id: string;
  description: string;
  classes: string[];
  train: Samples;
  test: Samples | null;
  /** sha256 of the content (shape, classes, images, labels), for run provenance. */
  hash: string;
}

/** A parsed dataset source; `parseDatasetSpec` turns the CLI/UI string into one. */
export type DatasetSpec =
  | { kind: 'digits' }
  | { kind: 'shapes'; size: 28 | 32; color: 'gray' | 'rgb' }
  | { kind: 'fashion-mnist'; dir: string }
  | { kind: 'mnist'; dir: string }
  | { kind: 'cifar10'; dir: string }
  /** `size` [height, width] resizes every image bilinearly; without it all images must share the first one's size. */
  | { kind: 'folder'; dir: string; size?: [height: number, width: number] }
  /** Without `shape`, a row of n pixels is a square gray image (n = s²) or a square RGB one (n = 3s²). */
  | { kind: 'csv'; file: string; shape?: ImageShape };

/**
 * Every data problem the user can cause: the message starts with the file's
 * name and says which field or offset is wrong, so it can be shown as is.
 */
export class DatasetError extends Error {
  readonly file?: string;
  readonly field?: string;

  constructor(message: string, where: { file?: string; field?: string } = {}) {
    super(where.file ? `${basename(where.file)}: ${message}` : message);
    this.name = 'DatasetError';
    this.file = where.file;
    this.field = where.field;
  }
}

/** Upper bounds that keep a damaged or hostile file from making us allocate without limit. */
export const DATA_LIMITS = {
  maxSide: 1024,
  maxChannels: 4,
  maxSamples: 10_000_000,
  /** Total bytes of decoded image data in one split. */
  maxImageBytes: 2 * 1024 * 1024 * 1024 - 1,
  maxClasses: 256,
  maxFolderFiles: 200_000,
  maxImageFileBytes: 20 * 1024 * 1024,
  maxCompressedFileBytes: 1024 * 1024 * 1024,
} as const;

export function imageSize(shape: ImageShape): number {
  return shape[0] * shape[1] * shape[2];
}

/** A copy of the chosen samples, in the order of `indices`. */
export function pickSamples(samples: Samples, indices: ArrayLike<number>): Samples {
  const size = imageSize(samples.shape);
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i]!;
    images.set(samples.images.subarray(from * size, (from + 1) * size), i * size);
    labels[i] = samples.labels[from]!;
  }
  return { images, labels, count: indices.length, shape: [...samples.shape] };
}

/** The first `limit` samples (views, no copy). */
export function firstSamples(samples: Samples, limit: number): Samples {
  const count = Math.max(0, Math.min(samples.count, Math.floor(limit)));
  const size = imageSize(samples.shape);
  return {
    images: samples.images.subarray(0, count * size),
    labels: samples.labels.subarray(0, count),
    count,
    shape: [...samples.shape],
  };
}
