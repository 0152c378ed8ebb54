import { createRng, hashSeed } from '../../../core/random';
import type { Augment, TrainingSettings } from '../../../core/training/settings';
import {
  adaptSamples,
  channelStats,
  epochOrder,
  fillBatch,
  loadDataset,
  splitValidation,
  type Dataset,
  type ImageShape,
  type Samples,
} from '../data';
import type { BatchSource } from './step';

/** The splits a run trains and reports on, already shaped like the graph's input. */
export interface PreparedData {
  dataset: Dataset;
  classes: string[];
  train: BatchSource;
  validation: BatchSource | null;
  test: BatchSource | null;
  stats: { mean: number[]; std: number[] };
}

/**
 * A split as the loop sees it. The order and augmentation of epoch e are a
 * function of (seed, e) alone, so resuming at an epoch boundary replays them
 * exactly; evaluation splits (no seed) are walked in stored order.
 */
export function samplesSource(
  samples: Samples,
  stats: { mean: number[]; std: number[] },
  opts: { seed?: number; augment?: Augment | null } = {},
): BatchSource {
  let cachedEpoch = -1;
  let order: Uint32Array | null = null;
  let augmentRng: ReturnType<typeof createRng> | null = null;
  const shuffled = opts.seed !== undefined;
  return {
    count: samples.count,
    shape: samples.shape,
    batchCount: (batchSize) => Math.ceil(samples.count / batchSize),
    batch(epoch, index, batchSize) {
      const start = index * batchSize;
      const end = Math.min(start + batchSize, samples.count);
      if (!shuffled || opts.seed === undefined) {
        const indices = Uint32Array.from({ length: end - start }, (_, i) => start + i);
        return fillBatch(samples, indices, { normalise: 'standard', stats });
      }
      if (epoch !== cachedEpoch || !order) {
        cachedEpoch = epoch;
        order = epochOrder(samples.count, opts.seed, epoch);
        augmentRng = createRng(opts.seed, hashSeed((opts.seed * 31 + epoch * 7 + 3) >>> 0));
      }
      const indices = order.subarray(start, end);
      if (opts.augment && augmentRng) {
        return fillBatch(
          samples,
          indices,
          { normalise: 'standard', stats, augment: opts.augment },
          augmentRng,
        );
      }
      return fillBatch(samples, indices, { normalise: 'standard', stats });
    },
  };
}

/**
 * Loads the dataset the settings name, fits it to the graph's input shape and
 * splits off validation. Normalisation uses the train split's channel stats
 * (saved in the run so predict applies the same).
 */
export async function prepareData(
  settings: TrainingSettings,
  inputShape: ImageShape,
  outputClasses: number,
  opts: { cacheDir?: string } = {},
): Promise<PreparedData> {
  const dataset = await loadDataset(settings.dataset, {
    ...(settings.limit !== undefined ? { limit: settings.limit } : {}),
    seed: settings.seed,
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
  });
  if (dataset.classes.length > outputClasses) {
    throw new DataMismatch(
      `the dataset has ${dataset.classes.length} classes but the output node has ${outputClasses}: set its classes to ${dataset.classes.length}`,
    );
  }
  const all = adaptSamples(dataset.train, inputShape);
  const split =
    settings.validationSplit > 0
      ? splitValidation(all, settings.validationSplit, settings.seed)
      : { train: all, validation: null };
  if (split.train.count === 0) throw new DataMismatch('no training samples left after the validation split');
  const stats = channelStats(split.train);
  const test = dataset.test ? adaptSamples(dataset.test, inputShape) : null;
  return {
    dataset,
    classes: dataset.classes,
    train: samplesSource(split.train, stats, { seed: settings.seed, augment: settings.augment ?? null }),
    validation:
      split.validation && split.validation.count > 0 ? samplesSource(split.validation, stats) : null,
    test: test && test.count > 0 ? samplesSource(test, stats) : null,
    stats,
  };
}

export class DataMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataMismatch';
  }
}
