import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/** The first of `names` that exists in `dir`, or null. */
export function findFile(dir: string, names: string[]): string | null {
  for (const name of names) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
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
