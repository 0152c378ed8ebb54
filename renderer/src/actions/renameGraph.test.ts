import { describe, expect, it } from 'vitest';
import { isUntitled, markSaved } from './documentLifecycle';
import { renameGraph } from './renameGraph';
import { undo } from './undo';
import { applyUpdate, sampleDocument, stateWith } from './testState';

describe('renameGraph', () => {
  it('renames the document as one undo step; blank or unchanged names do nothing', () => {
    const s0 = stateWith();
    const renamed = applyUpdate(s0, renameGraph.perform(s0, '  lenet-hand '));
    expect(renamed.document.name).toBe('lenet-hand');
    expect(renamed.document.nodes).toBe(s0.document.nodes);
    expect(renameGraph.perform(renamed, '   ')).toBeNull();
    expect(renameGraph.perform(renamed, 'lenet-hand')).toBeNull();
    expect(applyUpdate(renamed, undo.perform(renamed)).document.name).toBe('sample');
  });
});

describe('markSaved with a name taken from the file', () => {
  it('gives the shown document the saved name and leaves it clean', () => {
    const untitled = { ...sampleDocument(), name: 'Untitled' };
    const s0 = stateWith(untitled);
    const written = { ...untitled, name: 'lenet-hand' };
    const file = { fileId: 'lenet-hand.deepwire.json', name: 'lenet-hand' };
    const saved = applyUpdate(s0, markSaved.perform(s0, { document: written, file, renamedFrom: untitled }));
    expect(saved.document).toBe(written);
    expect(saved.savedDocument).toBe(written);
  });

  it('keeps edits made during the write, under the new name', () => {
    const untitled = { ...sampleDocument(), name: 'Untitled' };
    const edited = { ...untitled, nodes: untitled.nodes.slice(1) };
    const s0 = stateWith(edited);
    const written = { ...untitled, name: 'net' };
    const saved = applyUpdate(
      s0,
      markSaved.perform(s0, {
        document: written,
        file: { fileId: 'net', name: 'net' },
        renamedFrom: untitled,
      }),
    );
    expect(saved.document.name).toBe('net');
    expect(saved.document.nodes).toBe(edited.nodes);
  });

  it('knows an untitled graph', () => {
    expect(isUntitled({ ...sampleDocument(), name: 'untitled' })).toBe(true);
    expect(isUntitled({ ...sampleDocument(), name: ' ' })).toBe(true);
    expect(isUntitled(sampleDocument())).toBe(false);
  });
});
