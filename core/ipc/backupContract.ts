import { z } from 'zod';

/**
 * Hot exit: the renderer backs up its unsaved document a moment
 * after each edit, so a crash or a kill loses at most the last second or two.
 * Spread into `calls` in contract.ts; the hosts answer these themselves.
 */

/** A document as text, like file.write. */
export const MAX_BACKUP_TEXT = 32 * 1024 * 1024;
/** Backups kept at once (one per window session); the oldest goes first. */
export const MAX_BACKUPS = 8;

/** A key becomes a file name, so it is a short token: no separators, no dots, nothing to traverse with. */
export const backupKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a backup key is 1–64 of A–Z a–z 0–9 _ -');

export const backupEntry = z.object({
  key: backupKey,
  /** When it was last written, ISO 8601. */
  savedAt: z.string().max(64),
  text: z.string().max(MAX_BACKUP_TEXT),
});
export type BackupEntry = z.infer<typeof backupEntry>;

const ok = z.object({ ok: z.literal(true) });

export const backupCalls = {
  /** Writes (atomically) the backup of one window's unsaved document. */
  'backup.write': {
    request: z.object({ key: backupKey, text: z.string().max(MAX_BACKUP_TEXT) }).strict(),
    response: ok,
  },
  /** Every backup on disk, newest first: what start-up offers back. */
  'backup.list': { request: z.object({}).strict(), response: z.array(backupEntry).max(MAX_BACKUPS) },
  /** Removes a backup (after a save, or when the user declines it); a missing one is fine. */
  'backup.discard': { request: z.object({ key: backupKey }).strict(), response: ok },
} as const;
