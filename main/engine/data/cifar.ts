import { readFile } from 'node:fs/promises';
import { fileSize, findFile, requireDirectory } from './files';
import { DATA_LIMITS, DatasetError, type Samples } from './types';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const RECORD = 1 + 3 * PLANE; // label byte + R, G, B planes
const MAX_BATCHES = 5;

export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

/** Parses one CIFAR-10 binary batch: records of 1 label byte + 3072 bytes CHW, converted to HWC. */
export function parseCifarBatch(bytes: Uint8Array, file: string, classCount: number): Samples {
  checkBatchSize(bytes.length, file);
  const count = bytes.length / RECORD;
  const images = new Uint8Array(count * 3 * PLANE);
  const labels = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    const base = r * RECORD;
    const label = bytes[base]!;
    if (label >= classCount) {
      throw new DatasetError(`the label of record ${r} (offset ${base}) must be below ${classCount}`, {
        file,
        field: `record[${r}].label`,
      });
    }
    labels[r] = label;
    const out = r * 3 * PLANE;
    for (let p = 0; p < PLANE; p++) {
      images[out + p * 3] = bytes[base + 1 + p]!;
      images[out + p * 3 + 1] = bytes[base + 1 + PLANE + p]!;
      images[out + p * 3 + 2] = bytes[base + 1 + 2 * PLANE + p]!;
    }
  }
  return { images, labels, count, shape: [SIDE, SIDE, 3] };
}

function checkBatchSize(size: number, file: string): void {
  if (size === 0 || size % RECORD !== 0) {
    throw new DatasetError(
      `size ${size} bytes is not a positive multiple of the ${RECORD}-byte CIFAR-10 record ` +
        `(${Math.floor(size / RECORD)} whole records + ${size % RECORD} bytes)`,
      { file, field: 'length' },
    );
  }
}

/** Class names from batches.meta.txt (one a line), or the standard ten when the file is absent. */
export function parseCifarMeta(text: string, file: string): string[] {
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (names.length < 2 || names.length > DATA_LIMITS.maxClasses) {
    throw new DatasetError(`lists ${names.length} class names; expected 2..${DATA_LIMITS.maxClasses}`, {
      file,
      field: 'classes',
    });
  }
  return names;
}

function concat(parts: Samples[]): Samples {
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const images = new Uint8Array(count * 3 * PLANE);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const part of parts) {
    images.set(part.images, at * 3 * PLANE);
    labels.set(part.labels, at);
    at += part.count;
  }
  return { images, labels, count, shape: [SIDE, SIDE, 3] };
}

/** The batch files a CIFAR-10 folder holds, for loading and for the cache key. */
export function cifarFiles(dir: string): { train: string[]; test: string | null; meta: string | null } {
  requireDirectory(dir, 'CIFAR-10');
  const train: string[] = [];
  for (let i = 1; i <= MAX_BATCHES; i++) {
    const file = findFile(dir, [`data_batch_${i}.bin`]);
    if (file) train.push(file);
  }
  if (train.length === 0) {
    throw new DatasetError('no data_batch_1.bin … data_batch_5.bin in this folder', {
      file: dir,
      field: 'data_batch',
    });
  }
  return { train, test: findFile(dir, ['test_batch.bin']), meta: findFile(dir, ['batches.meta.txt']) };
}

async function readBatch(file: string, classCount: number): Promise<Samples> {
  // The size is checked before reading, so a wrong file is refused without loading it.
  const size = fileSize(file);
  if (size > DATA_LIMITS.maxCompressedFileBytes) {
    throw new DatasetError(`is ${size} bytes, more than the ${DATA_LIMITS.maxCompressedFileBytes} allowed`, {
      file,
    });
  }
  checkBatchSize(size, file);
  return parseCifarBatch(await readFile(file), file, classCount);
}

export async function loadCifarFolder(
  dir: string,
): Promise<{ classes: string[]; train: Samples; test: Samples | null }> {
  const files = cifarFiles(dir);
  const classes = files.meta
    ? parseCifarMeta(await readFile(files.meta, 'utf8'), files.meta)
    : CIFAR10_CLASSES;
  const parts: Samples[] = [];
  for (const file of files.train) parts.push(await readBatch(file, classes.length));
  const test = files.test ? await readBatch(files.test, classes.length) : null;
  return { classes, train: concat(parts), test };
}
