import { createHash } from 'node:crypto';
import type { Samples } from './types';

const CHUNK = 4 * 1024 * 1024;

/**
 * sha256 over everything that changes what a network learns: classes, shapes,
 * labels and pixels of both splits. Fed in chunks so big datasets never need a
 * second copy in memory.
 */
export function hashDataset(classes: string[], train: Samples, test: Samples | null): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ classes }));
  for (const split of test ? [train, test] : [train]) {
    hash.update(JSON.stringify({ shape: split.shape, count: split.count }));
    hash.update(split.labels);
    for (let offset = 0; offset < split.images.length; offset += CHUNK) {
      hash.update(split.images.subarray(offset, offset + CHUNK));
    }
  }
  return hash.digest('hex');
}
