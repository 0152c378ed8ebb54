import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = /^[0-9a-f]{12}\.tmp$/;

/** Directory fsync makes the rename durable; some platforms (Windows) refuse it, which is harmless. */
async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or file system; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/** Whether `name` is one of our temp files for the target named `target` (e.g. `.net.json.0a1b2c3d4e5f.tmp`). */
export function isTempFileOf(name: string, target: string): boolean {
  const prefix = tempPrefix(target);
  return name.startsWith(prefix) && TEMP_SUFFIX.test(name.slice(prefix.length));
}

/**
 * Removes temp files a killed writer of `path` left behind. Called after a
 * successful save, so the only survivors are from writers that died (saves of
 * one document are serialised by the app; a concurrent writer of the same file
 * would lose its temp and fail, never tear the file).
 */
async function removeStaleTemps(path: string, keep: string): Promise<void> {
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  const target = basename(path);
  await Promise.all(
    names
      .filter((name) => name !== keep && isTempFileOf(name, target))
      .map((name) => unlink(join(dir, name)).catch(() => undefined)),
  );
}

/** Writes to one path from this process run one after another, so a sweep never removes a live temp file. */
const queues = new Map<string, Promise<void>>();

/**
 * Replaces `path` with `text` so a reader sees either the old or the new file,
 * never a torn one: write a temp file in the same folder, fsync it, rename it
 * over the target, fsync the folder. On any failure the temp file is removed
 * and the original is left as it was; after a success, temp files of earlier
 * writers that were killed mid-save are swept.
 */
export function writeFileAtomic(path: string, text: string): Promise<void> {
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.then(
    () => replaceFile(path, text),
    () => replaceFile(path, text),
  );
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return next;
}

async function replaceFile(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const tempName = `${tempPrefix(path)}${randomBytes(6).toString('hex')}.tmp`;
  const temp = join(dir, tempName);
  let written = false;
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    written = true;
    await fsyncDir(dir);
  } finally {
    if (!written) await unlink(temp).catch(() => undefined);
  }
  await removeStaleTemps(path, tempName);
}
