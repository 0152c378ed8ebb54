import { uniqueId } from '../../../core/graph/ids';
import { inputArity } from '../../../core/graph/schema';
import { commitDocument } from '../store/history';
import { defineAction } from './types';

export type ConnectArg = { readonly source: string; readonly target: string };

/**
 * Adds an edge. A single-input node that is already fed has its old input
 * replaced (what the user means by dragging a new wire onto it); merge nodes
 * accept many. Self-loops and duplicates are ignored; cycles are left for the
 * validator to report.
 */
export const connect = defineAction<ConnectArg>({
  name: 'connect',
  label: 'Connect',
  perform(state, { source, target }) {
    const doc = state.document;
    if (source === target) return null;
    const targetNode = doc.nodes.find((n) => n.id === target);
    const sourceNode = doc.nodes.find((n) => n.id === source);
    if (!targetNode || !sourceNode) return null;
    const arity = inputArity(targetNode.type);
    if (arity.max === 0) return null;
    if (doc.edges.some((e) => e.source === source && e.target === target)) return null;
    const kept = arity.max === 1 ? doc.edges.filter((e) => e.target !== target) : doc.edges;
    const edge = { id: uniqueId(doc, 'e'), source, target };
    return commitDocument(state, { ...doc, edges: [...kept, edge] });
  },
});
