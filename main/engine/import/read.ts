import { readFile, realpath, stat } from 'node:fs/promises';
import { JSON_SIZE_LIMITS, JsonReadError, parseJsonCapped } from '../../../core/json/safeJson';
import { isInsideFolder } from '../io/insideFolder';
import { ImportError, IMPORT_LIMITS } from './errors';

/** How the importers open files: size caps before reading, and JSON read one way for every format. */

export async function readCapped(path: string, cap: number, what: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => {
    throw new ImportError(`${what} not found: ${path}`);
  });
  if (!info.isFile()) throw new ImportError(`${what} is not a file`);
  if (info.size > cap) throw new ImportError(`${what} is larger than ${cap} bytes; refused`);
  return new Uint8Array(await readFile(path));
}

/** JSON from a file's bytes, through the capped reader (size, nesting, a byte-order mark allowed). */
export function parseJson(bytes: Uint8Array | undefined, what: string): unknown {
  if (!bytes) throw new ImportError(`${what} is missing`);
  if (bytes.byteLength > IMPORT_LIMITS.maxJsonBytes) throw new ImportError(`${what} is too large`);
  try {
    return parseJsonCapped(new TextDecoder().decode(bytes), what, { maxLength: JSON_SIZE_LIMITS.model });
  } catch (error) {
    if (error instanceof JsonReadError) throw new ImportError(error.message);
    throw error;
  }
}

export async function readJsonCapped(path: string, what: string): Promise<unknown> {
  return parseJson(await readCapped(path, IMPORT_LIMITS.maxJsonBytes, what), what);
}

/**
 * The real location of a file the import opens, refused unless it lies inside
 * the model's (real) folder: a checked name can still be a symlink that leads
 * anywhere, and what it points at would be copied into the run.
 */
export async function realFileInside(realDir: string, path: string, what: string): Promise<string> {
  const real = await realpath(path).catch(() => {
    throw new ImportError(`${what} is missing`);
  });
  if (!isInsideFolder(realDir, real))
    throw new ImportError(`${what} is a link that points outside the model folder; refused`);
  if (!(await stat(real)).isFile()) throw new ImportError(`${what} is not a file`);
  return real;
}
