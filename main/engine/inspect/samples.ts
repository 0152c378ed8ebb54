import type { CallResponse } from '../../../core/ipc/contract';
import {
  adaptSamples,
  loadDataset,
  previewSamples,
  splitValidation,
  type Dataset,
  type Samples,
} from '../data';
import { imageSize } from '../data/types';
import { InspectError, type LoadedRun } from './loadRun';
import { encodePngBase64 } from './png';

/**
 * Loading a dataset costs seconds; the inspection process keeps the last few
 * so clicking through samples and nodes stays quick.
 */
export class DatasetCache {
  private readonly entries = new Map<string, Promise<Dataset>>();

  constructor(
    private readonly cacheDir: string | undefined,
    private readonly capacity = 2,
  ) {}

  get(spec: string, opts: { limit?: number; seed?: number } = {}): Promise<Dataset> {
    const key = JSON.stringify([spec, opts.limit ?? null, opts.seed ?? null]);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = loadDataset(spec, {
      ...opts,
      ...(this.cacheDir ? { cacheDir: this.cacheDir } : {}),
    });
    loading.catch(() => this.entries.delete(key));
    this.entries.set(key, loading);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return loading;
  }
}

export function sampleBytes(samples: Samples, index: number): Uint8Array {
  if (index < 0 || index >= samples.count) {
    throw new InspectError('bad-request', `sample ${index} is outside 0..${samples.count - 1}`, 'index');
  }
  const size = imageSize(samples.shape);
  return samples.images.subarray(index * size, (index + 1) * size);
}

export async function datasetPreview(
  cache: DatasetCache,
  spec: string,
  perClass: number,
): Promise<CallResponse<'dataset.preview'>> {
  const dataset = await cache.get(spec);
  const preview = previewSamples(dataset, perClass);
  return {
    classes: preview.classes,
    counts: preview.counts,
    samples: preview.samples.map((s) => ({ label: s.label, png: encodePngBase64(s.pixels, s.shape) })),
  };
}

export async function datasetSample(
  cache: DatasetCache,
  spec: string,
  split: 'train' | 'test',
  index: number,
): Promise<CallResponse<'dataset.sample'>> {
  const dataset = await cache.get(spec);
  const samples = split === 'train' ? dataset.train : dataset.test;
  if (!samples) throw new InspectError('not-found', `${dataset.id} has no ${split} split`, 'split');
  const label = samples.labels[index] ?? 0;
  return {
    png: encodePngBase64(sampleBytes(samples, index), samples.shape),
    label,
    className: dataset.classes[label] ?? null,
    shape: [...samples.shape],
    count: samples.count,
  };
}

/**
 * A split exactly as the run saw it: the same dataset, limit, seed and
 * validation split as prepareData, adapted to the net's input shape.
 */
export async function runSplit(
  cache: DatasetCache,
  run: Pick<LoadedRun, 'settings' | 'inputShape'>,
  split: 'train' | 'validation' | 'test',
): Promise<{ samples: Samples; classes: string[] }> {
  const { settings } = run;
  const dataset = await cache.get(settings.dataset, {
    ...(settings.limit !== undefined ? { limit: settings.limit } : {}),
    seed: settings.seed,
  });
  if (split === 'test') {
    if (!dataset.test) throw new InspectError('not-found', `${dataset.id} has no test split`, 'split');
    return { samples: adaptSamples(dataset.test, run.inputShape), classes: dataset.classes };
  }
  const all = adaptSamples(dataset.train, run.inputShape);
  if (settings.validationSplit <= 0) {
    if (split === 'validation')
      throw new InspectError('not-found', 'this run held out no validation set', 'split');
    return { samples: all, classes: dataset.classes };
  }
  const parts = splitValidation(all, settings.validationSplit, settings.seed);
  return { samples: split === 'train' ? parts.train : parts.validation, classes: dataset.classes };
}
