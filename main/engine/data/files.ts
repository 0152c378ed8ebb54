import { existsSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isInsideFolder } from '../io/insideFolder';
import { DatasetError } from './types';

export function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new DatasetError('is not a file', { file });
    return stat.size;
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError('cannot be read (missing or no permission)', { file });
  }
}

export { isInsideFolder };

/**
 * Refuses a file of a dataset whose real path leaves the dataset's folder: the
 * host checked the folder, so a link inside it must not lead elsewhere.
 */
export function checkInsideDataset(dir: string, path: string): void {
  let inside = false;
  try {
    inside = isInsideFolder(realpathSync(dir), realpathSync(path));
  } catch {
    inside = false;
  }
  if (!inside) throw new DatasetError('is a link that leads outside its dataset folder', { file: path });
}

/** The first of `names` that exists in `dir`, or null; a link out of `dir` is refused. */
export function findFile(dir: string, names: string[]): string | null {
  for (const name of names) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    checkInsideDataset(dir, path);
    return path;
  }
  return null;
}

export function requireDirectory(dir: string, what: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new DatasetError(`${what} folder does not exist or is not a folder`, { file: dir });
}

export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
