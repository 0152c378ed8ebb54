import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseJsonCapped, tooLargeError, type JsonLimits } from '../../../core/json/safeJson';

/**
 * Reads a JSON file with its size checked on disk before reading and its
 * nesting checked before parsing (see core/json/safeJson). Errors from the
 * caps are JsonReadErrors naming `what` (the file's name by default); a
 * missing file still rejects with the file system's ENOENT.
 */
export async function readJsonFile(
  path: string,
  limits: JsonLimits,
  what = basename(path),
): Promise<unknown> {
  const info = await stat(path);
  // Checked on the bytes on disk (never fewer than the characters they decode to), so a huge file is never read.
  if (info.size > limits.maxLength) throw tooLargeError(what, limits.maxLength);
  return parseJsonCapped(await readFile(path, 'utf8'), what, limits);
}
