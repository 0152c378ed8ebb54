import { unzipSync } from 'fflate';
import { ImportError, IMPORT_LIMITS } from './errors';

/**
 * Extracts the named entries of a zip, refusing zip-slip names, too many
 * entries, and declared or inflated sizes past the caps (a zip bomb, or an
 * entry larger than its own cap, is caught from the central directory, before inflating).
 */
export function readZipEntries(
  bytes: Uint8Array,
  wanted: readonly string[],
  what: string,
  /** Per-entry size caps, checked on the declared size before that entry is inflated. */
  caps: ReadonlyMap<string, number> = new Map(),
): Map<string, Uint8Array> {
  let entries = 0;
  let declared = 0;
  let result: Record<string, Uint8Array>;
  try {
    result = unzipSync(bytes, {
      filter: (file) => {
        entries++;
        if (entries > IMPORT_LIMITS.maxZipEntries)
          throw new ImportError(`${what} has more than ${IMPORT_LIMITS.maxZipEntries} entries; refused`);
        const name = file.name;
        if (
          name.startsWith('/') ||
          /^[a-zA-Z]:/.test(name) ||
          name.includes('\\') ||
          name.split('/').includes('..')
        )
          throw new ImportError(`${what} has an entry '${name}' that points outside the archive; refused`);
        const cap = wanted.includes(name) ? caps.get(name) : undefined;
        if (cap !== undefined && file.originalSize > cap)
          throw new ImportError(
            `${what}: '${name}' would unpack to ${file.originalSize} bytes, over the ${cap}-byte limit; refused`,
          );
        declared += file.originalSize;
        if (declared > IMPORT_LIMITS.maxUncompressedBytes)
          throw new ImportError(
            `${what} would unpack to more than ${IMPORT_LIMITS.maxUncompressedBytes} bytes; refused`,
          );
        if (
          file.originalSize > 16 * 1024 * 1024 &&
          file.originalSize > file.size * IMPORT_LIMITS.maxCompressionRatio
        )
          throw new ImportError(
            `${what} entry '${name}' inflates ${Math.round(file.originalSize / Math.max(file.size, 1))}×: a zip bomb? Refused`,
          );
        return wanted.includes(name);
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${what} is not a readable zip archive (truncated or damaged?)`);
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(result)) out.set(name, data);
  return out;
}
