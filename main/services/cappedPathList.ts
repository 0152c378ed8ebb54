import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../core/json/safeJson';
import { writeFileAtomic } from './atomicWrite';

export interface CappedPathListOptions {
  dataDir: string;
  /** File name inside `dataDir`; also names the file in parse errors. */
  fileName: string;
  limit: number;
  /** Validates the stored `paths` array; a file that fails it reads as empty. */
  paths: z.ZodType<string[]>;
  /** Turns the added path into the stored one; runs inside the write queue. */
  normalize?: (path: string) => Promise<string>;
}

export interface CappedPathList {
  /** Newest first, at most `limit` paths; waits for pending adds. */
  list(): Promise<string[]>;
  /** Moves the (normalized) path to the front, persists the list and returns the stored path. */
  add(path: string): Promise<string>;
}

/** A newest-first list of paths kept as JSON in the data folder; a damaged file reads as empty. */
export function createCappedPathList(options: CappedPathListOptions): CappedPathList {
  const { dataDir, fileName, limit } = options;
  const file = join(dataDir, fileName);
  const stored = z.object({ version: z.literal(1), paths: options.paths });
  // Adds are chained so two quick adds cannot interleave and lose an entry.
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<string[]> => {
    try {
      const text = await readFile(file, 'utf8');
      const parsed = stored.safeParse(parseJsonCapped(text, fileName, { maxLength: JSON_SIZE_LIMITS.state }));
      return parsed.success ? parsed.data.paths.slice(0, limit) : [];
    } catch {
      return [];
    }
  };

  return {
    list: async () => {
      await queue.catch(() => undefined);
      return read();
    },
    add(path) {
      const next = queue
        .catch(() => undefined)
        .then(async () => {
          const entry = options.normalize ? await options.normalize(path) : path;
          const paths = [entry, ...(await read()).filter((p) => p !== entry)].slice(0, limit);
          await mkdir(dataDir, { recursive: true });
          await writeFileAtomic(file, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`);
          return entry;
        });
      queue = next;
      return next;
    },
  };
}
