import { uniqueId } from '../../../core/graph/ids';
import type { GraphDocument, GraphEdge, GraphNode } from '../../../core/graph/schema';
import { commitDocument } from '../store/history';
import { defineAction, isMod } from './types';

/** How far each successive paste lands from the original, in flow units. */
export const PASTE_OFFSET = 40;

/**
 * Pastes the clipboard with fresh ids, shifted so it never hides the
 * original, keeping the edges between the copied nodes. The pasted nodes
 * become the selection. Expansion-group tags are dropped: a copy is not part
 * of the composite it came from.
 */
export const paste = defineAction({
  name: 'paste',
  label: 'Paste',
  keys: 'Ctrl+V',
  keyTest: (e) => isMod(e) && !e.shiftKey && e.key.toLowerCase() === 'v',
  perform(state) {
    const clip = state.clipboard;
    if (!clip || clip.nodes.length === 0) return null;
    const shift = PASTE_OFFSET * (state.pasteCount + 1);
    let doc: GraphDocument = state.document;
    const idMap = new Map<string, string>();
    for (const original of clip.nodes) {
      const id = uniqueId(doc, original.type);
      idMap.set(original.id, id);
      const { group: _group, ...rest } = original;
      const node = {
        ...rest,
        id,
        params: structuredClone(original.params),
        position: { x: original.position.x + shift, y: original.position.y + shift },
      } as GraphNode;
      doc = { ...doc, nodes: [...doc.nodes, node] };
    }
    const edges: GraphEdge[] = [];
    for (const edge of clip.edges) {
      const source = idMap.get(edge.source);
      const target = idMap.get(edge.target);
      if (!source || !target) continue;
      const id = uniqueId({ ...doc, edges: [...doc.edges, ...edges] }, 'e');
      edges.push(
        edge.targetHandle ? { id, source, target, targetHandle: edge.targetHandle } : { id, source, target },
      );
    }
    doc = { ...doc, edges: [...doc.edges, ...edges] };
    return commitDocument(state, doc, {
      selection: { nodeIds: [...idMap.values()], edgeIds: [] },
      pasteCount: state.pasteCount + 1,
    });
  },
});
