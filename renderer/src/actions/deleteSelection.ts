import { commitDocument } from '../store/history';
import { defineAction } from './types';

/** Removes the selected nodes (with every edge touching them) and the selected edges. */
export const deleteSelection = defineAction({
  name: 'deleteSelection',
  label: 'Delete',
  keys: 'Delete or Backspace',
  keyTest: (e) => (e.key === 'Delete' || e.key === 'Backspace') && !e.ctrlKey && !e.metaKey && !e.altKey,
  perform(state) {
    const { nodeIds, edgeIds } = state.selection;
    if (nodeIds.length === 0 && edgeIds.length === 0) return null;
    const goneNodes = new Set(nodeIds);
    const goneEdges = new Set(edgeIds);
    const doc = state.document;
    const nodes = doc.nodes.filter((n) => !goneNodes.has(n.id));
    const edges = doc.edges.filter(
      (e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target),
    );
    if (nodes.length === doc.nodes.length && edges.length === doc.edges.length) return null;
    return commitDocument(state, { ...doc, nodes, edges }, { selection: { nodeIds: [], edgeIds: [] } });
  },
});
