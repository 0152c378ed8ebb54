import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idxImages, idxLabels, tempDir } from './test-fixtures';
import { loadIdxFolder, parseIdxImages, parseIdxLabels } from './idx';
import { DatasetError } from './types';
import { loadDataset } from './index';
import { DEFAULT_FASHION_MNIST_DIR } from './spec';
import { isCi, noteMissingDependency } from '../../services/testing';

let folder: { dir: string; cleanup: () => void };
beforeEach(() => (folder = tempDir('idx')));
afterEach(() => folder.cleanup());

function write(name: string, bytes: Buffer): string {
  const path = join(folder.dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function loadError(): Promise<DatasetError> {
  const error = await loadIdxFolder(folder.dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe('IDX importer', () => {
  it('loads a raw train pair and a gzipped test pair', async () => {
    write('train-images-idx3-ubyte', idxImages(3, 2, 4));
    write('train-labels-idx1-ubyte', idxLabels([0, 9, 4]));
    write('t10k-images-idx3-ubyte.gz', gzipSync(idxImages(2, 2, 4, () => 7)));
    write('t10k-labels-idx1-ubyte.gz', gzipSync(idxLabels([1, 2])));
    const { train, test } = await loadIdxFolder(folder.dir);
    expect(train.shape).toEqual([2, 4, 1]);
    expect(train.count).toBe(3);
    expect(Array.from(train.labels)).toEqual([0, 9, 4]);
    expect(Array.from(train.images.subarray(8, 12))).toEqual([8, 9, 10, 11]);
    expect(test?.count).toBe(2);
    expect(Array.from(test?.images ?? [])).toEqual(new Array(16).fill(7));
  });

  it('decides gzip by the magic bytes, not the file name', async () => {
    write('train-images-idx3-ubyte', gzipSync(idxImages(1, 2, 2)));
    write('train-labels-idx1-ubyte', idxLabels([3]));
    const { train, test } = await loadIdxFolder(folder.dir);
    expect(Array.from(train.images)).toEqual([0, 1, 2, 3]);
    expect(test).toBeNull();
  });

  it('names the file and the expected magic number (never the one found) for a labels file given as images', () => {
    expect(() => parseIdxImages(idxLabels([1]), '/x/t10k-images-idx3-ubyte.gz')).toThrow(
      't10k-images-idx3-ubyte.gz: is not an IDX image file (expected magic number 0x00000803)',
    );
    expect(() => parseIdxLabels(idxImages(1, 1, 1), 'labels')).toThrow(
      /labels: is not an IDX label file \(expected magic number 0x00000801\)$/,
    );
  });

  it('refuses mismatched image and label counts', async () => {
    write('train-images-idx3-ubyte', idxImages(3, 2, 2));
    write('train-labels-idx1-ubyte', idxLabels([0, 1]));
    const error = await loadError();
    expect(error.message).toMatch(
      /train-labels-idx1-ubyte: its label count must equal the image count of its images file/,
    );
    expect(error.field).toBe('count');
  });

  it('refuses a truncated gzip file, naming the file', async () => {
    write('train-images-idx3-ubyte.gz', gzipSync(idxImages(3, 2, 2).subarray(0, 20)));
    write('train-labels-idx1-ubyte', idxLabels([0, 1, 2]));
    const error = await loadError();
    expect(error.message).toBe(
      'train-images-idx3-ubyte.gz: is truncated: it ends before the length its header says',
    );
    expect(error.field).toBe('length');
  });

  it('refuses absurd dimensions from the header instead of allocating them', () => {
    const bytes = idxImages(1, 1, 1);
    bytes.writeUInt32BE(100_000, 8);
    expect(() => parseIdxImages(bytes, 'big')).toThrow(/rows \(offset 8\) must be 1\.\.1024/);
  });

  it('refuses labels of 10 or more with the offset', () => {
    expect(() => parseIdxLabels(idxLabels([1, 10]), 'train-labels')).toThrow(
      'train-labels: the label at offset 9 must be below 10',
    );
  });

  it('refuses damaged gzip data', async () => {
    const gz = gzipSync(idxImages(2, 2, 2));
    gz[gz.length - 12] = gz[gz.length - 12]! ^ 0xff;
    write('train-images-idx3-ubyte.gz', gz.subarray(0, gz.length - 6));
    write('train-labels-idx1-ubyte', idxLabels([0, 1]));
    const error = await loadError();
    expect(error.message).toMatch(/train-images-idx3-ubyte\.gz: gzip data is damaged/);
  });

  it('says which train file is missing', async () => {
    write('train-images-idx3-ubyte', idxImages(1, 1, 1));
    const error = await loadError();
    expect(error.message).toMatch(/no train-labels-idx1-ubyte\[\.gz\] in this folder/);
  });
});

// Under CI the dataset is installed (.ci/run): there the test always runs, and fails if it is missing.
describe.runIf(existsSync(DEFAULT_FASHION_MNIST_DIR) || isCi())('Fashion-MNIST from Debian', () => {
  it('loads 60,000 + 10,000 images of 28×28 with the ten clothing classes', async () => {
    const ds = await loadDataset('fashion-mnist');
    expect(ds.train.count).toBe(60_000);
    expect(ds.test?.count).toBe(10_000);
    expect(ds.train.shape).toEqual([28, 28, 1]);
    expect(ds.classes[0]).toBe('T-shirt/top');
    expect(ds.classes[9]).toBe('Ankle boot');
    const counts = new Array<number>(10).fill(0);
    for (const label of ds.train.labels) counts[label] = counts[label]! + 1;
    expect(counts).toEqual(new Array(10).fill(6000));
    expect(ds.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

if (!existsSync(DEFAULT_FASHION_MNIST_DIR) && !isCi()) {
  noteMissingDependency(
    `the Fashion-MNIST test: ${DEFAULT_FASHION_MNIST_DIR} is absent (apt-get install dataset-fashion-mnist)`,
  );
}
