import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJsonCapped } from '../../../core/json/safeJson';
import { imageSize, type Dataset, type Samples } from './types';

/**
 * Imported datasets are cached as one compact binary file so reopening skips
 * gunzip/decode/parse. Layout: "DWDS", u32 version, u32 header length, the
 * JSON header, then each split's images and labels. The key covers the source
 * paths, sizes and mtimes, so an edited source misses the cache; anything
 * unexpected in an entry makes it a miss, and the caller rebuilds it.
 */
const MAGIC = 0x44574453; // "DWDS"
const VERSION = 1;
const MAX_HEADER = 1024 * 1024;

const shape = z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]);
const split = z.object({ count: z.number().int().min(0), shape });
const header = z.object({
  key: z.string(),
  id: z.string(),
  description: z.string(),
  classes: z.array(z.string()),
  hash: z.string(),
  train: split,
  test: split.nullable(),
});

/** A cache key from the source files' identity (path + size + mtime) and the import options. */
export function cacheKey(kind: string, files: string[], options: unknown = null): string {
  const identity = files.map((file) => {
    const stat = statSync(file);
    return [file, stat.size, stat.mtimeMs];
  });
  return createHash('sha256').update(JSON.stringify({ kind, identity, options })).digest('hex');
}

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, `dataset-${key.slice(0, 32)}.dwds`);
}

export async function readCache(cacheDir: string, key: string): Promise<Dataset | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(entryPath(cacheDir, key));
  } catch {
    return null;
  }
  try {
    if (bytes.length < 12 || bytes.readUInt32BE(0) !== MAGIC || bytes.readUInt32BE(4) !== VERSION)
      return null;
    const headerLength = bytes.readUInt32BE(8);
    if (headerLength > MAX_HEADER || 12 + headerLength > bytes.length) return null;
    const text = bytes.subarray(12, 12 + headerLength).toString('utf8');
    const parsed = header.safeParse(
      parseJsonCapped(text, 'the dataset cache header', { maxLength: MAX_HEADER }),
    );
    if (!parsed.success || parsed.data.key !== key) return null;
    const meta = parsed.data;
    let at = 12 + headerLength;
    const expected = at + blobBytes(meta.train) + (meta.test ? blobBytes(meta.test) : 0);
    if (bytes.length !== expected) return null;
    const take = (info: z.infer<typeof split>): Samples => {
      const imagesEnd = at + info.count * imageSize(info.shape);
      const samples: Samples = {
        images: new Uint8Array(bytes.subarray(at, imagesEnd)),
        labels: new Uint8Array(bytes.subarray(imagesEnd, imagesEnd + info.count)),
        count: info.count,
        shape: info.shape,
      };
      at = imagesEnd + info.count;
      return samples;
    };
    const train = take(meta.train);
    const test = meta.test ? take(meta.test) : null;
    return {
      id: meta.id,
      description: meta.description,
      classes: meta.classes,
      hash: meta.hash,
      train,
      test,
    };
  } catch {
    return null;
  }
}

function blobBytes(info: z.infer<typeof split>): number {
  return info.count * imageSize(info.shape) + info.count;
}

/** Writes atomically (temp file + rename) so a crash never leaves a half entry under the real name. */
export function writeCache(cacheDir: string, key: string, dataset: Dataset): void {
  mkdirSync(cacheDir, { recursive: true });
  const meta: z.infer<typeof header> = {
    key,
    id: dataset.id,
    description: dataset.description,
    classes: dataset.classes,
    hash: dataset.hash,
    train: { count: dataset.train.count, shape: dataset.train.shape },
    test: dataset.test ? { count: dataset.test.count, shape: dataset.test.shape } : null,
  };
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const prefix = Buffer.alloc(12);
  prefix.writeUInt32BE(MAGIC, 0);
  prefix.writeUInt32BE(VERSION, 4);
  prefix.writeUInt32BE(json.length, 8);
  const parts: Uint8Array[] = [prefix, json, dataset.train.images, dataset.train.labels];
  if (dataset.test) parts.push(dataset.test.images, dataset.test.labels);
  const path = entryPath(cacheDir, key);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.concat(parts));
  renameSync(temp, path);
}
