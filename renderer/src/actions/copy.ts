import { defineAction, isMod } from './types';

/** Copies the selected nodes and the edges between them (edges leaving the selection are dropped). */
export const copy = defineAction({
  name: 'copy',
  label: 'Copy',
  keys: 'Ctrl+C',
  keyTest: (e) => isMod(e) && !e.shiftKey && e.key.toLowerCase() === 'c',
  perform(state) {
    const chosen = new Set(state.selection.nodeIds);
    if (chosen.size === 0) return null;
    const nodes = state.document.nodes.filter((n) => chosen.has(n.id));
    const edges = state.document.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target));
    return { clipboard: { nodes, edges }, pasteCount: 0 };
  },
});
