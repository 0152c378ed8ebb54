import { create, type StoreApi } from 'zustand';
import { parseDocument, serializeDocument } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import type { BackupEntry } from '../../../core/ipc/backupContract';
import { defineAction } from '../actions/types';
import { resetDocument } from '../store/history';
import type { EditorStore } from '../store/editorStore';
import type { EditorState } from '../store/types';

/** A backup lands this long after the last edit: well inside the 2 s promise, rare enough to cost nothing. */
export const BACKUP_DELAY_MS = 1000;

/** The slice of the host API hot exit uses (`api.backup`). */
export type BackupApi = {
  write(request: { key: string; text: string }): Promise<unknown>;
  list(request: Record<string, never>): Promise<BackupEntry[]>;
  discard(request: { key: string }): Promise<unknown>;
};

/** The editor store as hot exit sees it: read, subscribe, run an action. */
export type WatchedStore = Pick<StoreApi<EditorStore>, 'getState' | 'subscribe'>;

export type Timers = {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
};

/** The backup offered at start, shown by BackupOffer. */
export const useBackupOffer = create<{ offer: BackupEntry | null }>()(() => ({ offer: null }));

/** Shows a recovered document as unsaved: dirty against whatever was clean before, so closing asks first. */
export const restoreBackupAction = defineAction<{ readonly document: GraphDocument }>({
  name: 'restoreBackup',
  label: 'Restore unsaved graph',
  perform(state, { document }) {
    return {
      ...resetDocument(document, { fileId: null, name: document.name || 'Recovered' }),
      savedDocument: state.savedDocument,
    };
  },
});

function newSessionKey(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return `s${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export type HotExit = {
  /** Restores the offered backup into the editor; false (and the offer stays) if it no longer parses. */
  restore(entry: BackupEntry): boolean;
  /** Deletes the offered backup. */
  discard(entry: BackupEntry): Promise<void>;
  /** Writes a pending backup now (tests, and before the window closes). */
  flush(): Promise<void>;
  stop(): void;
};

/**
 * Hot exit: while the document is dirty it is backed up `delayMs` after the
 * last edit under this window's key; once it is clean again (saved, undone,
 * discarded) the backup is removed. At start the newest other backup is
 * offered back through `useBackupOffer`.
 */
export function startHotExit(
  api: BackupApi,
  store: WatchedStore,
  timers: Timers,
  report: (message: string) => void,
  delayMs = BACKUP_DELAY_MS,
): HotExit {
  let key = newSessionKey();
  let pending: unknown = null;
  let written = false;
  let stopped = false;

  const isDirty = (s: EditorState) => s.document !== s.savedDocument;

  const writeNow = async (): Promise<void> => {
    pending = null;
    const state = store.getState();
    if (stopped || !isDirty(state)) return;
    written = true;
    await api.write({ key, text: serializeDocument(state.document) }).catch((e: unknown) => {
      report(`Could not write the unsaved-changes backup: ${e instanceof Error ? e.message : String(e)}`);
    });
  };

  const cancelPending = () => {
    if (pending !== null) timers.clear(pending);
    pending = null;
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document && state.savedDocument === previous.savedDocument) return;
    cancelPending();
    if (isDirty(state)) {
      pending = timers.set(() => void writeNow(), delayMs);
    } else if (written) {
      written = false;
      void api.discard({ key }).catch(() => undefined);
    }
  });

  void api
    .list({})
    .then((entries) => {
      const other = entries.find((e) => e.key !== key);
      if (!stopped && other) useBackupOffer.setState({ offer: other });
    })
    .catch(() => undefined);

  return {
    restore(entry) {
      const parsed = parseDocument(entry.text);
      if (!parsed.ok) {
        report(`The backup could not be read: ${parsed.error.message}`);
        return false;
      }
      // Adopt the backup's key: the restored document keeps backing up over the same file.
      cancelPending();
      key = entry.key;
      written = true;
      store.getState().run(restoreBackupAction, { document: parsed.document });
      useBackupOffer.setState({ offer: null });
      return true;
    },
    async discard(entry) {
      useBackupOffer.setState({ offer: null });
      await api.discard({ key: entry.key });
    },
    flush: () => (pending === null ? Promise.resolve() : (cancelPending(), writeNow())),
    stop() {
      stopped = true;
      cancelPending();
      unsubscribe();
    },
  };
}
