import { z } from 'zod';
import { createCappedPathList } from './cappedPathList';

export const RECENT_LIMIT = 10;

export interface RecentFiles {
  /** Most recent first, at most RECENT_LIMIT absolute paths. */
  list(): Promise<string[]>;
  /** Moves `path` to the front, persisting the list. */
  add(path: string): Promise<void>;
}

/** The recent-files list as JSON in the host's data folder; a damaged file reads as empty. */
export function createRecentFiles(dataDir: string): RecentFiles {
  const store = createCappedPathList({
    dataDir,
    fileName: 'recent-files.json',
    limit: RECENT_LIMIT,
    paths: z.array(z.string().min(1).max(4096)),
  });
  return {
    list: () => store.list(),
    add: async (path) => {
      await store.add(path);
    },
  };
}
