import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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

/**
 * Replaces `path` with `text` so a reader sees either the old or the new file,
 * never a torn one: write a temp file in the same folder, fsync it, rename it
 * over the target, fsync the folder. On any failure the temp file is removed
 * and the original is left as it was.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
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
}
