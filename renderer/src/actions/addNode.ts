import { DEFAULT_PARAMS } from '../../../core/graph/defaults';
import { uniqueId } from '../../../core/graph/ids';
import { inputArity, type GraphNode, type NodeType, type Position } from '../../../core/graph/schema';
import { commitDocument } from '../store/history';
import { defineAction } from './types';

export type AddNodeArg = {
  readonly type: NodeType;
  readonly position: Position;
  /** Wire the new node after this one (quick-add with a node selected). */
  readonly connectFrom?: string | null;
};

/** Builds a node of `type` with its default params (a fresh copy, never shared). */
export function createNode(id: string, type: NodeType, position: Position): GraphNode {
  // DEFAULT_PARAMS is keyed by type, so the pairing is right by construction.
  return { id, type, params: structuredClone(DEFAULT_PARAMS[type]), position: { ...position } } as GraphNode;
}

export const addNode = defineAction<AddNodeArg>({
  name: 'addNode',
  label: 'Add node',
  perform(state, { type, position, connectFrom }) {
    const doc = state.document;
    const id = uniqueId(doc, type);
    const node = createNode(id, type, position);
    const source = connectFrom ? doc.nodes.find((n) => n.id === connectFrom) : undefined;
    const canConnect = source !== undefined && source.type !== 'output' && inputArity(type).max > 0;
    const withNode = { ...doc, nodes: [...doc.nodes, node] };
    const edges = canConnect
      ? [...doc.edges, { id: uniqueId(withNode, 'e'), source: source.id, target: id }]
      : doc.edges;
    return commitDocument(state, { ...withNode, edges }, { selection: { nodeIds: [id], edgeIds: [] } });
  },
});
