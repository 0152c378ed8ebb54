import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CIFAR10_CLASSES, loadCifarFolder } from './cifar';
import { cifarRecords, tempDir } from './test-fixtures';
import { DatasetError } from './types';

let folder: { dir: string; cleanup: () => void };
beforeEach(() => (folder = tempDir('cifar')));
afterEach(() => folder.cleanup());

describe('CIFAR-10 importer', () => {
  it('concatenates the batches and converts CHW planes to HWC pixels', async () => {
    writeFileSync(join(folder.dir, 'data_batch_1.bin'), cifarRecords([3, 9]));
    writeFileSync(join(folder.dir, 'data_batch_2.bin'), cifarRecords([0]));
    writeFileSync(join(folder.dir, 'test_batch.bin'), cifarRecords([5]));
    const { classes, train, test } = await loadCifarFolder(folder.dir);
    expect(classes).toEqual(CIFAR10_CLASSES);
    expect(train.shape).toEqual([32, 32, 3]);
    expect(Array.from(train.labels)).toEqual([3, 9, 0]);
    expect(test?.count).toBe(1);
    // Pixel 7 of any record: R = 17, G = 27, B = 37.
    expect(Array.from(train.images.subarray(7 * 3, 7 * 3 + 3))).toEqual([17, 27, 37]);
    const secondRecord = 32 * 32 * 3;
    expect(Array.from(train.images.subarray(secondRecord, secondRecord + 3))).toEqual([10, 20, 30]);
  });

  it('reads class names from batches.meta.txt', async () => {
    writeFileSync(join(folder.dir, 'data_batch_1.bin'), cifarRecords([1]));
    writeFileSync(join(folder.dir, 'batches.meta.txt'), 'cat\ndog\n\n');
    const { classes } = await loadCifarFolder(folder.dir);
    expect(classes).toEqual(['cat', 'dog']);
  });

  it('refuses a batch whose size is not a multiple of 3073 bytes', async () => {
    writeFileSync(join(folder.dir, 'data_batch_1.bin'), cifarRecords([1, 2]).subarray(0, 5000));
    const error = await loadCifarFolder(folder.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toBe(
      'data_batch_1.bin: size 5000 bytes is not a positive multiple of the 3073-byte CIFAR-10 record (1 whole records + 1927 bytes)',
    );
  });

  it('refuses a label beyond the class list, naming the record', async () => {
    writeFileSync(join(folder.dir, 'data_batch_1.bin'), cifarRecords([1, 12]));
    await expect(loadCifarFolder(folder.dir)).rejects.toThrow(
      'data_batch_1.bin: the label of record 1 (offset 3073) must be below 10',
    );
  });

  it('says when no batch file is there', async () => {
    await expect(loadCifarFolder(folder.dir)).rejects.toThrow(/no data_batch_1\.bin/);
  });
});
