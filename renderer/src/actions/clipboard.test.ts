import { describe, expect, it } from 'vitest';
import { copy } from './copy';
import { paste, PASTE_OFFSET } from './paste';
import { applyUpdate, key, stateWith } from './testState';

describe('copy and paste', () => {
  it('copies the selected nodes with only the edges between them', () => {
    const state = stateWith(undefined, { selection: { nodeIds: ['conv', 'flat'], edgeIds: [] } });
    const next = applyUpdate(state, copy.perform(state));
    expect(next.clipboard?.nodes.map((n) => n.id)).toEqual(['conv', 'flat']);
    expect(next.clipboard?.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('pastes with new ids, an offset, internal edges rewired, and selects the copies', () => {
    const start = stateWith(undefined, { selection: { nodeIds: ['conv', 'flat'], edgeIds: [] } });
    const copied = applyUpdate(start, copy.perform(start));
    const pasted = applyUpdate(copied, paste.perform(copied));
    const ids = pasted.selection.nodeIds;
    expect(ids).toHaveLength(2);
    expect(ids.some((id) => ['conv', 'flat'].includes(id))).toBe(false);
    const [convCopy, flatCopy] = ids.map((id) => pasted.document.nodes.find((n) => n.id === id));
    expect(convCopy?.type).toBe('conv2d');
    expect(convCopy?.position).toEqual({ x: 200 + PASTE_OFFSET, y: PASTE_OFFSET });
    expect(pasted.document.edges.at(-1)).toMatchObject({ source: convCopy?.id, target: flatCopy?.id });
    expect(pasted.document.edges).toHaveLength(4);
    const again = applyUpdate(pasted, paste.perform(pasted));
    const third = again.document.nodes.find((n) => n.id === again.selection.nodeIds[0]);
    expect(third?.position).toEqual({ x: 200 + 2 * PASTE_OFFSET, y: 2 * PASTE_OFFSET });
    expect(new Set(again.document.nodes.map((n) => n.id)).size).toBe(8);
  });

  it('does nothing with an empty clipboard or selection', () => {
    expect(copy.perform(stateWith())).toBeNull();
    expect(paste.perform(stateWith())).toBeNull();
  });

  it('binds Ctrl/Cmd+C and Ctrl/Cmd+V', () => {
    expect(copy.keyTest?.(key('c', { ctrlKey: true }))).toBe(true);
    expect(paste.keyTest?.(key('v', { metaKey: true }))).toBe(true);
    expect(paste.keyTest?.(key('v'))).toBe(false);
  });
});
