import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphBuilder } from '../../../core/graph/builder';
import { serializeDocument } from '../../../core/graph/document';
import { CURRENT_VERSION } from '../../../core/graph/schema';
import { buildApi, type Transport } from '../../../core/ipc/api';
import { addNode } from '../actions/addNode';
import { isDirty, runAction, useEditorStore } from '../store/editorStore';
import { useUiStore } from '../store/uiStore';
import { save, saveAs, showOpenedFile } from './fileCommands';
import { useHostStore } from './hostStore';
import { startHotExit, type BackupApi } from './hotExit';
import { dismissMigratedNotice, migratedMessage, saveAsBaseName } from './versionNotices';

const NEWER = CURRENT_VERSION + 1;

function currentText(name: string): string {
  const b = new GraphBuilder(name);
  b.add('input', { height: 8, width: 8, channels: 1 }, { id: 'in' });
  b.add('flatten', {}, { id: 'f' });
  b.add('output', { classes: 3 }, { id: 'out' });
  return serializeDocument(b.build());
}

const newerText = () =>
  JSON.stringify({ ...(JSON.parse(currentText('Future')) as object), version: NEWER, extra: [1, 2] });

const V0_TEXT = JSON.stringify({
  format: 'deepwire',
  version: 0,
  title: 'Old',
  layers: [{ name: 'in', kind: 'input', config: { shape: [8, 8, 1] }, x: 0, y: 0 }],
  links: [],
});

/** A web host that records file.write calls and accepts them. */
function recordingHost() {
  const writes: { fileId: string; text: string }[] = [];
  const transport: Transport = {
    invoke: async (channel, request) => {
      if (channel === 'file.write') {
        writes.push(request as { fileId: string; text: string });
        return { ok: true };
      }
      throw new Error(`unexpected call ${channel}`);
    },
    subscribe: () => () => undefined,
  };
  useHostStore.setState({
    api: buildApi(transport),
    info: { version: 't', host: 'web', nativeDialogs: false },
    error: null,
  });
  return writes;
}

/** Answers the in-app confirm dialog the moment it appears. */
function answerConfirm(answer: boolean): () => string | null {
  let asked: string | null = null;
  const unsubscribe = useUiStore.subscribe((s) => {
    if (!s.confirm) return;
    asked = s.confirm.title;
    s.confirm.resolve(answer);
  });
  return () => {
    unsubscribe();
    return asked;
  };
}

describe('version notices in the editor', () => {
  let writes: { fileId: string; text: string }[];

  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', () => 0);
    writes = recordingHost();
    useUiStore.setState({ toasts: [], confirm: null, fileDialog: null });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens a newer file read-only: editing works, Save is refused with the reason and writes nothing', async () => {
    expect(
      showOpenedFile({ fileId: 'future.deepwire.json', name: 'future.deepwire.json', text: newerText() }),
    ).toBe(true);
    const file = useEditorStore.getState().file;
    expect(file.readOnly?.reason).toContain(`version ${NEWER}`);
    expect(useEditorStore.getState().document.version).toBe(CURRENT_VERSION);

    runAction(addNode, { type: 'dense', position: { x: 0, y: 0 } });
    expect(isDirty(useEditorStore.getState())).toBe(true);
    await save();
    expect(writes).toEqual([]);
    const toast = useUiStore.getState().toasts.at(-1);
    expect(toast?.kind).toBe('error');
    expect(toast?.message).toContain('Save is disabled');
    expect(toast?.message).toContain('Save As');
  });

  it('Save As from a read-only file asks first; cancelling opens nothing, confirming opens the save dialog', async () => {
    showOpenedFile({ fileId: 'future.deepwire.json', name: 'future.deepwire.json', text: newerText() });
    let done = answerConfirm(false);
    await saveAs();
    expect(done()).toMatch(/Save a copy/);
    expect(useUiStore.getState().fileDialog).toBeNull();

    done = answerConfirm(true);
    await saveAs();
    expect(done()).toMatch(/Save a copy/);
    expect(useUiStore.getState().fileDialog).toBe('save');
    // The copy is not offered under the newer file's own name.
    expect(saveAsBaseName(useEditorStore.getState().file)).toBe('future copy');
  });

  it('a read-only document is still backed up by hot exit', async () => {
    showOpenedFile({ fileId: 'future.deepwire.json', name: 'future.deepwire.json', text: newerText() });
    const backups = new Map<string, string>();
    const api: BackupApi = {
      write: async ({ key, text }) => void backups.set(key, text),
      list: async () => [],
      discard: async ({ key }) => void backups.delete(key),
    };
    const pending: (() => void)[] = [];
    const hotExit = startHotExit(
      api,
      useEditorStore,
      { set: (callback) => pending.push(callback), clear: () => undefined },
      () => undefined,
    );
    runAction(addNode, { type: 'dense', position: { x: 0, y: 0 } });
    await hotExit.flush();
    hotExit.stop();
    expect([...backups.values()]).toEqual([serializeDocument(useEditorStore.getState().document)]);
  });

  it('opens an older file migrated, with a one-line notice naming the .bak; Save works and clears it', async () => {
    const backupPath = 'workspace/old.deepwire.json.v0.bak';
    showOpenedFile({ fileId: 'old.deepwire.json', name: 'old.deepwire.json', text: V0_TEXT, backupPath });
    const file = useEditorStore.getState().file;
    expect(file.readOnly).toBeUndefined();
    expect(file.migrated).toEqual({ fromVersion: 0, backupPath });
    expect(migratedMessage(file)).toBe(
      `Upgraded “old” from document version 0 to ${CURRENT_VERSION}. The original is kept as ${backupPath}.`,
    );

    await save();
    expect(writes.map((w) => w.fileId)).toEqual(['old.deepwire.json']);
    expect(useEditorStore.getState().file.migrated).toBeUndefined();
  });

  it('the migrated notice can be dismissed, and opening a current file clears every notice', () => {
    showOpenedFile({ fileId: 'old.deepwire.json', name: 'old.deepwire.json', text: V0_TEXT });
    expect(migratedMessage(useEditorStore.getState().file)).toContain('before it is first saved over');
    runAction(dismissMigratedNotice);
    expect(useEditorStore.getState().file).toEqual({
      fileId: 'old.deepwire.json',
      name: 'old',
    });

    showOpenedFile({ fileId: 'future.deepwire.json', name: 'future.deepwire.json', text: newerText() });
    showOpenedFile({ fileId: 'net.deepwire.json', name: 'net.deepwire.json', text: currentText('Net') });
    expect(useEditorStore.getState().file).toEqual({
      fileId: 'net.deepwire.json',
      name: 'net',
    });
  });

  it('a newer file whose known parts do not parse is refused and the current document stays', () => {
    showOpenedFile({ fileId: 'net.deepwire.json', name: 'net.deepwire.json', text: currentText('Net') });
    const before = useEditorStore.getState().document;
    const broken = JSON.parse(newerText()) as { nodes: { type: string }[] };
    const first = broken.nodes[0];
    if (first) first.type = 'hologram';
    expect(
      showOpenedFile({ fileId: 'x.deepwire.json', name: 'x.deepwire.json', text: JSON.stringify(broken) }),
    ).toBe(false);
    expect(useEditorStore.getState().document).toBe(before);
    expect(useUiStore.getState().toasts.at(-1)?.message).toContain('Update Deepwire');
  });
});
