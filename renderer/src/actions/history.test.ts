import { describe, expect, it } from 'vitest';
import { addNode } from './addNode';
import { redo } from './redo';
import { undo } from './undo';
import { applyUpdate, key, stateWith } from './testState';

describe('undo and redo', () => {
  it('walks document snapshots back and forth', () => {
    const s0 = stateWith();
    const s1 = applyUpdate(s0, addNode.perform(s0, { type: 'dense', position: { x: 0, y: 0 } }));
    const s2 = applyUpdate(s1, addNode.perform(s1, { type: 'dropout', position: { x: 0, y: 0 } }));
    const u1 = applyUpdate(s2, undo.perform(s2));
    expect(u1.document).toBe(s1.document);
    const u2 = applyUpdate(u1, undo.perform(u1));
    expect(u2.document).toBe(s0.document);
    expect(undo.perform(u2)).toBeNull();
    const r1 = applyUpdate(u2, redo.perform(u2));
    expect(r1.document).toBe(s1.document);
    const r2 = applyUpdate(r1, redo.perform(r1));
    expect(r2.document).toBe(s2.document);
    expect(redo.perform(r2)).toBeNull();
  });

  it('drops the redo branch on a new edit and prunes the selection', () => {
    const s0 = stateWith();
    const s1 = applyUpdate(s0, addNode.perform(s0, { type: 'dense', position: { x: 0, y: 0 } }));
    const u = applyUpdate(s1, undo.perform(s1));
    expect(u.selection.nodeIds).toEqual([]);
    const edited = applyUpdate(u, addNode.perform(u, { type: 'flatten', position: { x: 0, y: 0 } }));
    expect(edited.future).toEqual([]);
  });

  it('binds Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y', () => {
    expect(undo.keyTest?.(key('z', { ctrlKey: true }))).toBe(true);
    expect(undo.keyTest?.(key('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(redo.keyTest?.(key('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(redo.keyTest?.(key('y', { ctrlKey: true }))).toBe(true);
  });
});
