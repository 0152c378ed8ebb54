import { beforeEach, describe, expect, it } from 'vitest';
import { buildApi, type Transport } from '../../../core/ipc/api';
import { addNode } from '../actions/addNode';
import { isDirty, runAction, useEditorStore } from '../store/editorStore';
import { useUiStore } from '../store/uiStore';
import { writeDocument } from './fileCommands';
import { useHostStore } from './hostStore';

/** A host whose disk is full: file.write fails the way the host reports it (an io error naming the file). */
function fullDiskTransport(): Transport {
  return {
    invoke: async (channel) => {
      if (channel === 'file.write') {
        throw new Error('Saving “net.deepwire.json” failed. The disk is full: nothing was written.');
      }
      throw new Error(`unexpected call ${channel}`);
    },
    subscribe: () => () => undefined,
  };
}

describe('a failed save', () => {
  beforeEach(() => {
    useHostStore.setState({ api: buildApi(fullDiskTransport()), info: null, error: null });
    useUiStore.setState({ toasts: [] });
  });

  it('keeps the document open and dirty and shows the host’s message', async () => {
    runAction(addNode, { type: 'dense', position: { x: 0, y: 0 } });
    const edited = useEditorStore.getState().document;
    expect(isDirty(useEditorStore.getState())).toBe(true);

    expect(await writeDocument('net.deepwire.json', 'net.deepwire.json')).toBe(false);

    const state = useEditorStore.getState();
    expect(state.document).toBe(edited);
    expect(isDirty(state)).toBe(true);
    expect(state.file.fileId).toBeNull();
    const toast = useUiStore.getState().toasts.at(-1);
    expect(toast?.kind).toBe('error');
    expect(toast?.message).toMatch(/disk is full/);
    expect(toast?.message).toContain('net.deepwire.json');
  });
});
