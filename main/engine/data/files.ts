import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATA_LIMITS, DatasetError } from './types';

/** Reads a file, gunzipping it when it starts with the gzip magic (1f 8b), whatever its name. */
export async function readMaybeGzip(
  file: string,
  maxBytes: number = DATA_LIMITS.maxImageBytes,
): Promise<Buffer> {
  const size = fileSize(file);
  if (size > DATA_LIMITS.maxCompressedFileBytes) {
    throw new DatasetError(
      `file is ${size} bytes, more than the ${DATA_LIMITS.maxCompressedFileBytes} allowed`,
      {
        file,
      },
    );
  }
  const raw = await readFile(file);
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    // maxOutputLength stops a gzip bomb before it fills memory.
    return gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetError(`gzip data is damaged or too large (${reason})`, { file, field: 'gzip' });
  }
}

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
  if (!isDir)
    throw new DatasetError(`${what} folder '${dir}' does not exist or is not a folder`, { file: dir });
}

export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
