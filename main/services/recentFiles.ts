import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../core/json/safeJson';
import { writeFileAtomic } from './atomicWrite';

export const RECENT_LIMIT = 10;
const RECENT_FILE = 'recent-files.json';
const stored = z.object({ version: z.literal(1), paths: z.array(z.string().min(1).max(4096)) });

export interface RecentFiles {
  /** Most recent first, at most RECENT_LIMIT absolute paths. */
  list(): Promise<string[]>;
  /** Moves `path` to the front, persisting the list. */
  add(path: string): Promise<void>;
}

/** The recent-files list as JSON in the host's data folder; a damaged file reads as empty. */
export function createRecentFiles(dataDir: string): RecentFiles {
  const file = join(dataDir, RECENT_FILE);
  // Writes are chained so two quick saves cannot interleave and lose an entry.
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<string[]> => {
    try {
      const text = await readFile(file, 'utf8');
      const parsed = stored.safeParse(
        parseJsonCapped(text, RECENT_FILE, { maxLength: JSON_SIZE_LIMITS.state }),
      );
      return parsed.success ? parsed.data.paths.slice(0, RECENT_LIMIT) : [];
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
          const paths = [path, ...(await read()).filter((p) => p !== path)].slice(0, RECENT_LIMIT);
          await mkdir(dataDir, { recursive: true });
          await writeFileAtomic(file, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`);
        });
      queue = next;
      return next;
    },
  };
}
