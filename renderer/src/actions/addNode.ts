import { DEFAULT_PARAMS } from '../../../core/graph/defaults';
import { uniqueId } from '../../../core/graph/ids';
import {
  freeSpot,
  NODE_BOX,
  PLACEMENT_GAP,
  spliceIntoEdge,
  type SizeOf,
} from '../../../core/graph/placement';
import {
  inputArity,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type NodeType,
  type Position,
} from '../../../core/graph/schema';
import { commitDocument } from '../store/history';
import type { EditorState } from '../store/types';
import { defineAction } from './types';

export type AddNodeArg = {
  readonly type: NodeType;
  readonly position: Position;
  /** Wire the new node after this one (quick-add with a node selected); with one output, splice into it. */
  readonly connectFrom?: string | null;
  /** Splice the new node into this edge (a drop on the edge, quick-add with the edge selected). */
  readonly spliceEdge?: string | null;
};

/** Builds a node of `type` with its default params (a fresh copy, never shared). */
export function createNode(id: string, type: NodeType, position: Position): GraphNode {
  // DEFAULT_PARAMS is keyed by type, so the pairing is right by construction.
  return { id, type, params: structuredClone(DEFAULT_PARAMS[type]), position: { ...position } } as GraphNode;
}

/** A node of this type can sit inside a connection: it takes an input and gives an output. */
function canSplice(type: NodeType): boolean {
  return inputArity(type).max > 0 && type !== 'output';
}

/** The edge to splice into: the one named, or the only output of `connectFrom`. */
function spliceTarget(doc: GraphDocument, arg: AddNodeArg): GraphEdge | undefined {
  if (!canSplice(arg.type)) return undefined;
  if (arg.spliceEdge) return doc.edges.find((e) => e.id === arg.spliceEdge);
  if (!arg.connectFrom) return undefined;
  const outputs = doc.edges.filter((e) => e.source === arg.connectFrom);
  return outputs.length === 1 ? outputs[0] : undefined;
}

function sizesOf(state: EditorState): SizeOf {
  return (id) => state.measured[id] ?? NODE_BOX;
}

/**
 * Adds a layer: spliced into a connection when there is one to splice into,
 * else wired after `connectFrom`, else at `position`; always at a free spot.
 */
export const addNode = defineAction<AddNodeArg>({
  name: 'addNode',
  label: 'Add node',
  perform(state, arg) {
    const doc = state.document;
    const sizeOf = sizesOf(state);
    const id = uniqueId(doc, arg.type);
    const edge = spliceTarget(doc, arg);
    if (edge) {
      const make = (newId: string, position: Position) => createNode(newId, arg.type, position);
      const spliced = spliceIntoEdge(doc, edge, [make], [id], sizeOf);
      return commitDocument(state, spliced, { selection: { nodeIds: [id], edgeIds: [] } });
    }
    const source = arg.connectFrom ? doc.nodes.find((n) => n.id === arg.connectFrom) : undefined;
    const canConnect = source !== undefined && source.type !== 'output' && inputArity(arg.type).max > 0;
    const desired = source
      ? { x: source.position.x + sizeOf(source.id).width + PLACEMENT_GAP, y: source.position.y }
      : arg.position;
    const node = createNode(id, arg.type, freeSpot(doc.nodes, desired, NODE_BOX, sizeOf));
    const withNode = { ...doc, nodes: [...doc.nodes, node] };
    const edges = canConnect
      ? [...doc.edges, { id: uniqueId(withNode, 'e'), source: source.id, target: id }]
      : doc.edges;
    return commitDocument(state, { ...withNode, edges }, { selection: { nodeIds: [id], edgeIds: [] } });
  },
});
