import { lstat, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseDocument, parseJsonText } from '../../core/graph/document';
import { OLDEST_VERSION } from '../../core/graph/migrations';
import { CURRENT_VERSION, DOCUMENT_FORMAT } from '../../core/graph/schema';
import { HostError, toIpcError } from './errors';

/**
 * What the hosts do about document versions on disk, so no file is lost to
 * a version change: an older file is copied to a `.bak` before anything can
 * overwrite it, and a newer file is never overwritten by this version.
 */

export type WriteText = (path: string, text: string) => Promise<void>;

/** The notices an opened file carries back to the renderer (see `openedFile` in the contract). */
export type VersionNotices = { readOnly?: { reason: string }; backupPath?: string };

/** More `.bak` copies than this of one file means something is looping; refuse rather than fill the disk. */
const MAX_BACKUP_NAMES = 100;
const MAX_GUARDED_BYTES = 32 * 1024 * 1024;

/** The document version a JSON text declares, or null if it is not a Deepwire document with a whole-number version. */
export function declaredVersion(text: string): number | null {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const version = raw['version'];
  if (raw['format'] !== DOCUMENT_FORMAT || typeof version !== 'number' || !Number.isInteger(version))
    return null;
  return version;
}

/** `model.deepwire.json` → `model.deepwire.json.v0.bak`, then `….v0.2.bak`, `….v0.3.bak`, … */
export function backupNameCandidates(path: string, version: number): string[] {
  return Array.from({ length: MAX_BACKUP_NAMES }, (_, i) =>
    i === 0 ? `${path}.v${version}.bak` : `${path}.v${version}.${i + 1}.bak`,
  );
}

async function existingText(path: string): Promise<string | null> {
  try {
    if (!(await lstat(path)).isFile()) return '';
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Copies `original` (the text of `path`, document version `version`) next to
 * it under the first free `.v<version>[.n].bak` name, atomically. A `.bak`
 * that already holds exactly these bytes is reused, so opening the same old
 * file again does not pile up copies, and an existing `.bak` is never
 * overwritten. Returns the backup's path.
 */
export async function backUpOriginal(
  path: string,
  original: string,
  version: number,
  write: WriteText,
): Promise<string> {
  for (const candidate of backupNameCandidates(path, version)) {
    const present = await existingText(candidate);
    if (present === original) return candidate;
    if (present !== null) continue;
    await write(candidate, original);
    return candidate;
  }
  throw new HostError('io', `Too many backups of “${basename(path)}” already exist; move some away.`);
}

/**
 * On open: a newer file is marked read-only (when its known parts parse; if
 * not, the renderer reports the refusal itself); an older file that migrates
 * is backed up first, and the notice names where. Migration happens only in
 * memory, but writing the `.bak` at open is the simplest guarantee that it
 * exists before any save, autosave or other tool can replace the original.
 */
export async function versionNotices(
  path: string,
  text: string,
  write: WriteText,
  describe: (path: string) => string,
): Promise<VersionNotices> {
  const version = declaredVersion(text);
  if (version === null || version === CURRENT_VERSION) return {};
  const parsed = parseDocument(text, { allowNewer: true });
  if (!parsed.ok) return {};
  if (parsed.readOnly) return { readOnly: { reason: parsed.readOnly.reason } };
  if (parsed.migratedFrom === null) return {};
  try {
    return { backupPath: describe(await backUpOriginal(path, text, version, write)) };
  } catch {
    // Opening still works: nothing is overwritten yet, and the save path retries the backup.
    return {};
  }
}

/**
 * Before a save replaces `path` (the caller names the file in the message): refuse to overwrite a newer version (it
 * would lose what that version added), and make sure an older version has
 * its `.bak` (it may have been opened elsewhere, or the open-time copy failed).
 */
export async function guardOverwrite(path: string, write: WriteText): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info || !info.isFile() || info.size > MAX_GUARDED_BYTES) return;
  const text = await readFile(path, 'utf8');
  const version = declaredVersion(text);
  if (version === null || version === CURRENT_VERSION) return;
  if (version > CURRENT_VERSION) {
    throw new HostError(
      'forbidden',
      `It is document version ${version}, made by a newer Deepwire; this one writes version ${CURRENT_VERSION}, ` +
        `so saving over it would drop what version ${version} added. Use Save As to save a copy.`,
      'fileId',
    );
  }
  if (version < OLDEST_VERSION) return;
  try {
    await backUpOriginal(path, text, version, write);
  } catch (error) {
    const detail = toIpcError(error, 'file.write').message;
    throw new HostError(
      'io',
      `Its version-${version} original could not be backed up first, so nothing was written. ${detail}`,
    );
  }
}
