import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idxImages, idxLabels, tempDir } from './test-fixtures';
import {
  DatasetError,
  formatDatasetSpec,
  listBuiltInDatasets,
  loadDataset,
  parseDatasetSpec,
  previewSamples,
  splitValidation,
  type Samples,
} from './index';

describe('parseDatasetSpec', () => {
  it('parses every documented form', () => {
    expect(parseDatasetSpec('digits')).toEqual({ kind: 'digits' });
    expect(parseDatasetSpec('shapes')).toEqual({ kind: 'shapes', size: 32, color: 'rgb' });
    expect(parseDatasetSpec('shapes:28:gray')).toEqual({ kind: 'shapes', size: 28, color: 'gray' });
    expect(parseDatasetSpec('fashion-mnist')).toEqual({
      kind: 'fashion-mnist',
      dir: '/usr/share/datasets/fashion-mnist',
    });
    expect(parseDatasetSpec('fashion-mnist:/data/f')).toEqual({ kind: 'fashion-mnist', dir: '/data/f' });
    expect(parseDatasetSpec('mnist:/m')).toEqual({ kind: 'mnist', dir: '/m' });
    expect(parseDatasetSpec('cifar10:C:\\data\\cifar')).toEqual({ kind: 'cifar10', dir: 'C:\\data\\cifar' });
    expect(parseDatasetSpec('folder:./pics')).toEqual({ kind: 'folder', dir: './pics' });
    expect(parseDatasetSpec('csv:a.csv')).toEqual({ kind: 'csv', file: 'a.csv' });
    expect(formatDatasetSpec(parseDatasetSpec('shapes:28'))).toBe('shapes:28:rgb');
  });

  it('explains what is accepted for anything else', () => {
    expect(() => parseDatasetSpec('imagenet')).toThrow(DatasetError);
    expect(() => parseDatasetSpec('imagenet')).toThrow(/unknown dataset 'imagenet': expected 'digits'/);
    expect(() => parseDatasetSpec('mnist')).toThrow(/needs a path: 'mnist:PATH'/);
    expect(() => parseDatasetSpec('shapes:64')).toThrow(/unknown shapes option '64'/);
  });
});

describe('loadDataset', () => {
  it('loads the digits: 10 classes, 28×28 gray, 8,000 + 2,000, the same hash every time', async () => {
    const ds = await loadDataset('digits');
    expect(ds.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ds.train.shape).toEqual([28, 28, 1]);
    expect(ds.train.count).toBe(8000);
    expect(ds.test?.count).toBe(2000);
    expect(Math.max(...ds.train.images.subarray(0, 784))).toBe(255);
    const firstHundred = new Set(ds.train.labels.subarray(0, 100));
    expect(firstHundred.size).toBe(10); // interleaved, so --limit stays balanced
    const again = await loadDataset('digits', { limit: 100 });
    expect(again.train.count).toBe(100);
    expect(Array.from(again.train.labels)).toEqual(Array.from(ds.train.labels.subarray(0, 100)));
    expect(again.hash).not.toBe(ds.hash);
    expect((await loadDataset('digits')).hash).toBe(ds.hash);
  });

  it('generates shapes by seed and count', async () => {
    const a = await loadDataset('shapes:28:gray', { shapesCount: 48, seed: 2 });
    expect(a.train.count).toBe(48);
    expect(a.test?.count).toBe(8);
    expect(a.classes).toHaveLength(8);
    expect((await loadDataset('shapes:28:gray', { shapesCount: 48, seed: 2 })).hash).toBe(a.hash);
    expect((await loadDataset('shapes:28:gray', { shapesCount: 48, seed: 3 })).hash).not.toBe(a.hash);
    await expect(loadDataset('shapes', { shapesCount: 0 })).rejects.toThrow(
      /shapesCount 0 must be a whole number/,
    );
    await expect(loadDataset('shapes', { limit: 2.5 })).rejects.toThrow(DatasetError);
  });

  it('caches an import, reuses it, and rebuilds a damaged entry', async () => {
    const source = tempDir('mnist');
    const cache = tempDir('cache');
    try {
      writeFileSync(join(source.dir, 'train-images-idx3-ubyte'), idxImages(4, 2, 2));
      writeFileSync(join(source.dir, 'train-labels-idx1-ubyte'), idxLabels([0, 1, 2, 3]));
      const first = await loadDataset(`mnist:${source.dir}`, { cacheDir: cache.dir });
      const [entry] = readdirSync(cache.dir);
      expect(entry).toMatch(/\.dwds$/);
      const entryPath = join(cache.dir, entry!);
      const cached = await loadDataset(`mnist:${source.dir}`, { cacheDir: cache.dir });
      expect(cached).toEqual(first);
      // Damage the cached pixels' length: the entry is ignored and rewritten.
      const bytes = readFileSync(entryPath);
      writeFileSync(entryPath, bytes.subarray(0, bytes.length - 3));
      const rebuilt = await loadDataset(`mnist:${source.dir}`, { cacheDir: cache.dir });
      expect(rebuilt).toEqual(first);
      expect(readFileSync(entryPath).length).toBe(bytes.length);
      // Editing the source changes the key, so the new content is read.
      writeFileSync(join(source.dir, 'train-labels-idx1-ubyte'), idxLabels([3, 3, 3, 3]));
      const edited = await loadDataset(`mnist:${source.dir}`, { cacheDir: cache.dir });
      expect(Array.from(edited.train.labels)).toEqual([3, 3, 3, 3]);
    } finally {
      source.cleanup();
      cache.cleanup();
    }
  });
});

describe('listBuiltInDatasets', () => {
  it('lists digits and shapes as available and says why fashion-mnist is not', () => {
    const list = listBuiltInDatasets();
    expect(list.map((d) => d.id)).toEqual(['digits', 'shapes', 'fashion-mnist']);
    expect(list.slice(0, 2).every((d) => d.available)).toBe(true);
    const fashion = list[2]!;
    expect(fashion.available || (fashion.reason ?? '').length > 0).toBe(true);
  });
});

function labelled(labels: number[]): Samples {
  return {
    images: Uint8Array.from(labels.map((_, i) => i)),
    labels: Uint8Array.from(labels),
    count: labels.length,
    shape: [1, 1, 1],
  };
}

describe('splitValidation', () => {
  const samples = labelled(Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1)));

  it('holds out a stratified share, the same for the same seed', () => {
    const { train, validation } = splitValidation(samples, 0.1, 5);
    expect(validation.count).toBe(10);
    expect(train.count).toBe(90);
    expect(Array.from(validation.labels).filter((l) => l === 1)).toHaveLength(2);
    const ids = new Set([...train.images, ...validation.images]);
    expect(ids.size).toBe(100); // a partition: nothing lost or repeated
    const again = splitValidation(samples, 0.1, 5);
    expect(Array.from(again.validation.images)).toEqual(Array.from(validation.images));
    expect(Array.from(splitValidation(samples, 0.1, 6).validation.images)).not.toEqual(
      Array.from(validation.images),
    );
  });

  it('refuses a fraction outside [0, 1)', () => {
    expect(() => splitValidation(samples, 1, 0)).toThrow(/must be in \[0, 1\)/);
    expect(splitValidation(samples, 0, 0).validation.count).toBe(0);
  });
});

describe('previewSamples', () => {
  it('counts classes and picks the first images of each', async () => {
    const ds = await loadDataset('shapes:28:gray', { shapesCount: 80, seed: 1 });
    const preview = previewSamples(ds, 2);
    expect(preview.classes).toEqual(ds.classes);
    expect(preview.counts).toEqual(new Array(8).fill(10));
    expect(preview.samples).toHaveLength(16);
    expect(preview.samples.map((s) => s.label)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7]);
    expect(preview.samples[0]?.pixels).toHaveLength(28 * 28);
    expect(preview.samples[0]?.shape).toEqual([28, 28, 1]);
  });
});
