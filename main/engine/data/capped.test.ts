import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSized, readSizedFile } from './capped';
import { idxImagesLength, loadIdxFolder } from './idx';
import { idxImages, idxLabels, tempDir } from './test-fixtures';
import { DatasetError } from './types';

let folder: { dir: string; cleanup: () => void };
beforeEach(() => (folder = tempDir('capped')));
afterEach(() => folder.cleanup());

const MiB = 1024 * 1024;
const IDX_IMAGES = { headerBytes: 16, lengthOf: idxImagesLength };

/** Writes `header` then `zeros` bytes of zeros as gzip: a small file that inflates enormously. */
async function writeBomb(name: string, header: Uint8Array, zeros: number): Promise<string> {
  const path = join(folder.dir, name);
  async function* body() {
    yield header;
    const chunk = new Uint8Array(MiB);
    for (let left = zeros; left > 0; left -= MiB) yield chunk.subarray(0, Math.min(MiB, left));
  }
  await pipeline(body(), createGzip({ level: 9 }), createWriteStream(path));
  return path;
}

/** The decompressed bytes of `path` as a source that counts how many were pulled from it. */
function countingGunzip(path: string): { source: AsyncIterable<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  async function* source() {
    for await (const chunk of createReadStream(path).pipe(createGunzip())) {
      pulled += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  return { source: source(), pulled: () => pulled };
}

async function failure(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe('sized reads of (gzipped) IDX files', () => {
  it('stops decompressing a gzip bomb one chunk after the length its header claims', async () => {
    // A valid header for 10 images of 28×28 (7,856 bytes), followed by 64 MiB of zeros.
    const header = idxImages(10, 28, 28).subarray(0, 16);
    const bomb = await writeBomb('train-images-idx3-ubyte', header, 64 * MiB);
    const { source, pulled } = countingGunzip(bomb);
    const error = await failure(readSized(source, 'train-images-idx3-ubyte', IDX_IMAGES));
    expect(error.message).toBe('train-images-idx3-ubyte: holds more bytes than its header says');
    const claimed = 16 + 10 * 28 * 28;
    expect(pulled()).toBeGreaterThan(claimed);
    expect(pulled()).toBeLessThanOrEqual(claimed + 64 * 1024);
  });

  it('refuses a bomb of zeros at its header, after reading one chunk', async () => {
    const bomb = await writeBomb('zeros', new Uint8Array(0), 64 * MiB);
    const { source, pulled } = countingGunzip(bomb);
    const error = await failure(readSized(source, 'zeros', IDX_IMAGES));
    expect(error.message).toBe('zeros: is not an IDX image file (expected magic number 0x00000803)');
    expect(pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('refuses a gzipped IDX folder whose images file inflates past its header', async () => {
    await writeBomb('train-images-idx3-ubyte.gz', idxImages(2, 2, 2).subarray(0, 16), 8 * MiB);
    await pipeline([idxLabels([0, 1])], createWriteStream(join(folder.dir, 'train-labels-idx1-ubyte')));
    const error = await failure(loadIdxFolder(folder.dir));
    expect(error.message).toBe('train-images-idx3-ubyte.gz: holds more bytes than its header says');
    expect(error.field).toBe('length');
  });

  it('reads a well-formed gzip file of exactly the claimed length', async () => {
    const bytes = idxImages(3, 4, 5);
    const path = join(folder.dir, 'ok.gz');
    await pipeline([bytes], createGzip(), createWriteStream(path));
    expect(Array.from(await readSizedFile(path, IDX_IMAGES))).toEqual(Array.from(bytes));
  });

  it('refuses damaged gzip data with a DatasetError naming the file', async () => {
    const path = join(folder.dir, 'bad.gz');
    await pipeline(
      [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff])],
      createWriteStream(path),
    );
    const error = await failure(readSizedFile(path, IDX_IMAGES));
    expect(error.message).toMatch(/^bad\.gz: /);
  });
});
