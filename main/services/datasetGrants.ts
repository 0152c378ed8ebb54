import { realpath } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { createCappedPathList } from './cappedPathList';

export const GRANT_LIMIT = 64;

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
  return createCappedPathList({
    dataDir,
    fileName: 'dataset-grants.json',
    limit: GRANT_LIMIT,
    paths: z.array(z.string().min(1).max(4096).refine(isAbsolute)).max(GRANT_LIMIT),
    normalize: (path) => realpath(path),
  });
}
