import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseCifarBatch } from './cifar';
import { parseCsv } from './csv';
import { decodeImage } from './decode';
import { parseIdxImages, parseIdxLabels } from './idx';
import { idxImages, idxLabels } from './test-fixtures';
import { DatasetError } from './types';

/** Runs `parse` and reports whether it failed only in the documented way. */
function failsCleanly(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    return error instanceof DatasetError;
  }
}

/** A valid file with a few bytes overwritten or cut off, as a damaged download would be. */
const damaged = (valid: Buffer) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      fc.nat(valid.length),
    )
    .map(([edits, cut]) => {
      const bytes = Buffer.from(valid);
      for (const [at, value] of edits) bytes[at] = value;
      return bytes.subarray(0, cut);
    });

const params = { seed: 1234, numRuns: 300 };

describe('damaged files only ever raise DatasetError', () => {
  it('IDX images and labels', () => {
    fc.assert(
      fc.property(damaged(idxImages(3, 4, 4)), (b) => failsCleanly(() => parseIdxImages(b, 'i'))),
      params,
    );
    fc.assert(
      fc.property(damaged(idxLabels([1, 2, 3])), (b) => failsCleanly(() => parseIdxLabels(b, 'l'))),
      params,
    );
  });

  it('CIFAR batches, PNG/JPEG data and CSV text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 7000 }), (b) => failsCleanly(() => parseCifarBatch(b, 'c', 10))),
      {
        ...params,
        numRuns: 100,
      },
    );
    const pngHeader = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const image = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((tail) => Buffer.concat([pngHeader, tail])),
      fc.uint8Array({ maxLength: 200 }).map((tail) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), tail])),
    );
    fc.assert(
      fc.property(image, (b) => failsCleanly(() => decodeImage(b, 'x'))),
      params,
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => failsCleanly(() => parseCsv(text, 'x.csv'))),
      params,
    );
  });
});
