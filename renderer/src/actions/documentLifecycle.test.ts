import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../core/templates/index';
import { loadTemplate, markSaved, newDocument, openDocument } from './documentLifecycle';
import { addNode } from './addNode';
import { applyUpdate, sampleDocument, stateWith } from './testState';

describe('document lifecycle', () => {
  it('New gives an empty, clean document with no history', () => {
    const s0 = stateWith();
    const edited = applyUpdate(s0, addNode.perform(s0, { type: 'dense', position: { x: 0, y: 0 } }));
    const fresh = applyUpdate(edited, newDocument.perform(edited));
    expect(fresh.document.nodes).toEqual([]);
    expect(fresh.past).toEqual([]);
    expect(fresh.future).toEqual([]);
    expect(fresh.savedDocument).toBe(fresh.document);
    expect(fresh.file).toEqual({ fileId: null, name: 'Untitled' });
  });

  it('opening a file resets history and remembers the file', () => {
    const s0 = stateWith();
    const doc = { ...sampleDocument(), name: 'other', id: 'graph-other' };
    const opened = applyUpdate(
      s0,
      openDocument.perform(s0, { document: doc, file: { fileId: 'a.deepwire.json', name: 'a' } }),
    );
    expect(opened.document).toBe(doc);
    expect(opened.savedDocument).toBe(doc);
    expect(opened.file.fileId).toBe('a.deepwire.json');
  });

  it('every graph has an identity: a file keeps its own, New, templates and id-less files get a fresh one', () => {
    const s0 = stateWith();
    const open = (document: ReturnType<typeof sampleDocument>) =>
      applyUpdate(s0, openDocument.perform(s0, { document, file: { fileId: 'a.deepwire.json', name: 'a' } }));
    expect(open({ ...sampleDocument(), id: 'kept' }).document.id).toBe('kept');
    const { id: _none, ...withoutId } = sampleDocument();
    const given = open(withoutId).document;
    expect(given.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(open(given).savedDocument.id).toBe(given.id);
    const ids = [
      applyUpdate(s0, newDocument.perform(s0)).document.id,
      applyUpdate(s0, newDocument.perform(s0)).document.id,
      applyUpdate(s0, loadTemplate.perform(s0, { templateId: 'lenet5' })).document.id,
      applyUpdate(s0, loadTemplate.perform(s0, { templateId: 'lenet5' })).document.id,
    ];
    expect(new Set(ids).size).toBe(4);
  });

  it('loads every template, and refuses an unknown one', () => {
    const s0 = stateWith();
    for (const template of TEMPLATES) {
      const next = applyUpdate(s0, loadTemplate.perform(s0, { templateId: template.id }));
      expect(next.document.nodes.length).toBeGreaterThan(0);
      expect(next.file.fileId).toBeNull();
      expect(next.savedDocument).toBe(next.document);
    }
    expect(loadTemplate.perform(s0, { templateId: 'no-such-template' })).toBeNull();
  });

  it('a save makes the written document the clean reference', () => {
    const s0 = stateWith();
    const edited = applyUpdate(s0, addNode.perform(s0, { type: 'dense', position: { x: 0, y: 0 } }));
    expect(edited.document).not.toBe(edited.savedDocument);
    const saved = applyUpdate(
      edited,
      markSaved.perform(edited, {
        document: edited.document,
        file: { fileId: 'n.deepwire.json', name: 'n' },
      }),
    );
    expect(saved.savedDocument).toBe(saved.document);
    expect(saved.past).toHaveLength(1);
  });
});
