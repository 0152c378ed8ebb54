import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { backupKey, MAX_BACKUP_TEXT, MAX_BACKUPS, type BackupEntry } from '../../core/ipc/backupContract';
import { writeFileAtomic } from './atomicWrite';
import { HostError } from './errors';

/** Hot-exit backups: one `<key>.json` per window session under `<dataDir>/backups/`. */
export interface BackupStore {
  write(key: string, text: string): Promise<void>;
  /** Newest first, at most MAX_BACKUPS; unreadable or oversized files are skipped. */
  list(): Promise<BackupEntry[]>;
  discard(key: string): Promise<void>;
}

const SUFFIX = '.json';

/** Refuses anything that is not a plain key, even though the contract already parsed it: the key becomes a path. */
function fileFor(dir: string, key: string): string {
  if (!backupKey.safeParse(key).success) throw new HostError('bad-request', 'Invalid backup key.', 'key');
  return join(dir, `${key}${SUFFIX}`);
}

function keyOf(name: string): string | null {
  if (!name.endsWith(SUFFIX)) return null;
  const key = name.slice(0, -SUFFIX.length);
  return backupKey.safeParse(key).success ? key : null;
}

async function entriesByAge(dir: string): Promise<{ key: string; mtimeMs: number; size: number }[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: { key: string; mtimeMs: number; size: number }[] = [];
  for (const name of names) {
    const key = keyOf(name);
    if (key === null) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (info?.isFile()) found.push({ key, mtimeMs: info.mtimeMs, size: info.size });
  }
  return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

export function createBackupStore(dataDir: string): BackupStore {
  const dir = join(dataDir, 'backups');
  return {
    async write(key, text) {
      const file = fileFor(dir, key);
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(file, text);
      // Keep the folder bounded: sessions that never came back give way to newer ones.
      const stale = (await entriesByAge(dir)).slice(MAX_BACKUPS);
      await Promise.all(stale.map((e) => unlink(join(dir, `${e.key}${SUFFIX}`)).catch(() => undefined)));
    },
    async list() {
      const entries: BackupEntry[] = [];
      for (const entry of (await entriesByAge(dir)).slice(0, MAX_BACKUPS)) {
        // Checked before reading, so a planted huge file is never loaded.
        if (entry.size > MAX_BACKUP_TEXT) continue;
        const text = await readFile(join(dir, `${entry.key}${SUFFIX}`), 'utf8').catch(() => null);
        if (text !== null && text.length <= MAX_BACKUP_TEXT) {
          entries.push({ key: entry.key, savedAt: new Date(entry.mtimeMs).toISOString(), text });
        }
      }
      return entries;
    },
    async discard(key) {
      await unlink(fileFor(dir, key)).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
      });
    },
  };
}
