import { mkdir, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../core/json/safeJson';
import { writeFileAtomic } from './atomicWrite';

export const GRANT_LIMIT = 64;
const GRANTS_FILE = 'dataset-grants.json';
const stored = z.object({
  version: z.literal(1),
  paths: z.array(z.string().min(1).max(4096).refine(isAbsolute)).max(GRANT_LIMIT),
});

export interface DatasetGrants {
  /** Real paths the user picked as datasets, newest first. */
  list(): Promise<string[]>;
  /** Grants `path` (made real, so a later symlink swap cannot widen it) and returns the real path. */
  add(path: string): Promise<string>;
}

/**
 * The dataset folders and files the user picked in a native dialog, kept in
 * the data folder so a grant outlives the session; only main adds to it. A
 * damaged file reads as no grants.
 */
export function createDatasetGrants(dataDir: string): DatasetGrants {
  const file = join(dataDir, GRANTS_FILE);
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<string[]> => {
    try {
      const text = await readFile(file, 'utf8');
      const parsed = stored.safeParse(
        parseJsonCapped(text, GRANTS_FILE, { maxLength: JSON_SIZE_LIMITS.state }),
      );
      return parsed.success ? parsed.data.paths : [];
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
          const real = await realpath(path);
          const paths = [real, ...(await read()).filter((p) => p !== real)].slice(0, GRANT_LIMIT);
          await mkdir(dataDir, { recursive: true });
          await writeFileAtomic(file, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`);
          return real;
        });
      queue = next;
      return next;
    },
  };
}
