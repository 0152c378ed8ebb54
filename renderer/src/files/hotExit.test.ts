import { beforeEach, describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '../../../core/graph/document';
import type { BackupEntry } from '../../../core/ipc/backupContract';
import { addNode } from '../actions/addNode';
import { markSaved } from '../actions/documentLifecycle';
import { undo } from '../actions/undo';
import { createEditorStore, isDirty } from '../store/editorStore';
import { BACKUP_DELAY_MS, startHotExit, useBackupOffer, type BackupApi, type Timers } from './hotExit';

/** Timers the test fires by hand: no waiting, no real clock. */
function manualTimers() {
  const queue = new Map<number, { callback: () => void; delayMs: number }>();
  let next = 1;
  const timers: Timers = {
    set: (callback, delayMs) => {
      queue.set(next, { callback, delayMs });
      return next++;
    },
    clear: (handle) => void queue.delete(handle as number),
  };
  const fireAll = () => {
    const due = [...queue.values()];
    queue.clear();
    due.forEach((t) => t.callback());
  };
  return { timers, queue, fireAll };
}

function fakeApi(initial: BackupEntry[] = []) {
  const files = new Map(initial.map((e) => [e.key, e.text]));
  const api: BackupApi = {
    write: async ({ key, text }) => void files.set(key, text),
    list: async () => [...files].map(([key, text]) => ({ key, text, savedAt: '2026-01-01T00:00:00.000Z' })),
    discard: async ({ key }) => void files.delete(key),
  };
  return { api, files };
}

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('hot exit', () => {
  beforeEach(() => useBackupOffer.setState({ offer: null }));

  it('backs up a dirty document one delay after the last edit, and removes it once saved', async () => {
    const store = createEditorStore();
    const { api, files } = fakeApi();
    const { timers, queue, fireAll } = manualTimers();
    startHotExit(api, store, timers, () => undefined);

    store.getState().run(addNode, { type: 'dense', position: { x: 0, y: 0 } });
    store.getState().run(addNode, { type: 'dense', position: { x: 50, y: 0 } });
    // Debounced: two edits leave one pending write, due after the delay (≤ 2 s promised).
    expect([...queue.values()].map((t) => t.delayMs)).toEqual([BACKUP_DELAY_MS]);
    expect(BACKUP_DELAY_MS).toBeLessThan(2000);
    fireAll();
    await settle();
    expect(files.size).toBe(1);
    const [text] = [...files.values()];
    const backedUp = parseDocument(text ?? '');
    expect(backedUp.ok && backedUp.document.nodes.length).toBe(store.getState().document.nodes.length);

    const { document, file } = store.getState();
    store.getState().run(markSaved, { document, file });
    await settle();
    expect(files.size).toBe(0);
    expect(queue.size).toBe(0);
  });

  it('undoing back to the saved document also removes the backup', async () => {
    const store = createEditorStore();
    const { api, files } = fakeApi();
    const { timers, fireAll } = manualTimers();
    startHotExit(api, store, timers, () => undefined);
    store.getState().run(addNode, { type: 'dense', position: { x: 0, y: 0 } });
    fireAll();
    await settle();
    expect(files.size).toBe(1);
    store.getState().run(undo, undefined);
    await settle();
    expect(files.size).toBe(0);
  });

  it('offers the newest backup at start; restore shows it dirty and keeps backing up under its key', async () => {
    const source = createEditorStore();
    source.getState().run(addNode, { type: 'dense', position: { x: 0, y: 0 } });
    const entry = {
      key: 'old-session',
      savedAt: '2026-01-01T00:00:00.000Z',
      text: serializeDocument(source.getState().document),
    };
    const { api, files } = fakeApi([entry]);
    const store = createEditorStore();
    const { timers, fireAll } = manualTimers();
    const hotExit = startHotExit(api, store, timers, () => undefined);
    await settle();
    await settle();
    expect(useBackupOffer.getState().offer?.key).toBe('old-session');

    expect(hotExit.restore(entry)).toBe(true);
    expect(useBackupOffer.getState().offer).toBeNull();
    expect(store.getState().document.nodes.map((n) => n.id)).toEqual(
      source.getState().document.nodes.map((n) => n.id),
    );
    expect(isDirty(store.getState())).toBe(true);
    fireAll();
    await settle();
    expect([...files.keys()]).toEqual(['old-session']);
  });

  it('discard removes the offered backup; a corrupt backup is reported and the editor is unchanged', async () => {
    const bad = { key: 'bad', savedAt: '2026-01-01T00:00:00.000Z', text: '{"format":' };
    const { api, files } = fakeApi([bad]);
    const store = createEditorStore();
    const before = store.getState().document;
    const reports: string[] = [];
    const hotExit = startHotExit(api, store, manualTimers().timers, (m) => reports.push(m));
    expect(hotExit.restore(bad)).toBe(false);
    expect(store.getState().document).toBe(before);
    expect(reports[0]).toMatch(/could not be read/);
    await hotExit.discard(bad);
    expect(files.size).toBe(0);
  });
});
