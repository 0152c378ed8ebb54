import type { Selection } from '../store/types';
import { defineAction, isMod } from './types';

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export const select = defineAction<Selection>({
  name: 'select',
  label: 'Select',
  perform(state, selection) {
    const current = state.selection;
    if (sameIds(current.nodeIds, selection.nodeIds) && sameIds(current.edgeIds, selection.edgeIds))
      return null;
    return { selection: { nodeIds: [...selection.nodeIds], edgeIds: [...selection.edgeIds] } };
  },
});

export const selectAll = defineAction({
  name: 'selectAll',
  label: 'Select all',
  keys: 'Ctrl+A',
  keyTest: (e) => isMod(e) && !e.shiftKey && e.key.toLowerCase() === 'a',
  perform(state) {
    return {
      selection: {
        nodeIds: state.document.nodes.map((n) => n.id),
        edgeIds: state.document.edges.map((e) => e.id),
      },
    };
  },
});

export const clearSelection = defineAction({
  name: 'clearSelection',
  label: 'Clear the selection',
  keys: 'Escape',
  keyTest: (e) => e.key === 'Escape' && !isMod(e) && !e.shiftKey && !e.altKey,
  perform(state) {
    if (state.selection.nodeIds.length === 0 && state.selection.edgeIds.length === 0) return null;
    return { selection: { nodeIds: [], edgeIds: [] } };
  },
});
