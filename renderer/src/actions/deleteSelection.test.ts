import { describe, expect, it } from 'vitest';
import { deleteSelection } from './deleteSelection';
import { applyUpdate, key, stateWith } from './testState';

describe('deleteSelection', () => {
  it('removes selected nodes with their edges, and selected edges', () => {
    const state = stateWith(undefined, { selection: { nodeIds: ['conv'], edgeIds: ['e3'] } });
    const next = applyUpdate(state, deleteSelection.perform(state));
    expect(next.document.nodes.map((n) => n.id)).toEqual(['input', 'flat', 'out']);
    expect(next.document.edges).toEqual([]);
    expect(next.selection).toEqual({ nodeIds: [], edgeIds: [] });
    expect(next.past).toEqual([state.document]);
  });

  it('does nothing without a selection', () => {
    expect(deleteSelection.perform(stateWith())).toBeNull();
  });

  it('is bound to Delete and Backspace only without modifiers', () => {
    expect(deleteSelection.keyTest?.(key('Delete'))).toBe(true);
    expect(deleteSelection.keyTest?.(key('Backspace'))).toBe(true);
    expect(deleteSelection.keyTest?.(key('Backspace', { ctrlKey: true }))).toBe(false);
  });
});
