import type { Edge, Node } from '@xyflow/react';
import type { GraphDocument, GraphEdge, GraphNode } from '../../../core/graph/schema';
import type { Problem } from '../../../core/graph/validate';
import { statusOf, type NodeStatus } from '../store/analysis';
import type { Selection, Size } from '../store/types';
import { ESTIMATED_NODE_SIZE, handlesFor } from './nodeGeometry';

/** Node data is empty on purpose: the node component reads its own state from the store by id. */
export type LayerFlowNode = Node<Record<string, never>, 'layer'>;
export type WireFlowEdge = Edge<Record<string, never>>;

const NO_DATA: Record<string, never> = {};

type NodeEntry = {
  source: GraphNode;
  selected: boolean;
  size: Size | undefined;
  status: NodeStatus;
  flow: LayerFlowNode;
};

/** The class naming a node's validation status; the minimap colours by it. */
export function statusClass(status: NodeStatus): string {
  return `status-${status}`;
}

const NO_PROBLEMS: ReadonlyMap<string, readonly Problem[]> = new Map();
type EdgeEntry = { source: GraphEdge; selected: boolean; flow: WireFlowEdge };

/**
 * Derives React Flow's nodes from the document, reusing the previous object
 * for every node whose document node, selection and size are unchanged, so
 * React Flow and the memoised node component skip them (1,000-node graphs
 * stay smooth while one node is dragged). A node whose validation status
 * changes gets a new object, so the minimap redraws its colour.
 */
export function createNodeDeriver(): (
  nodes: GraphDocument['nodes'],
  selection: Selection,
  measured: Readonly<Record<string, Size>>,
  problems?: ReadonlyMap<string, readonly Problem[]>,
) => LayerFlowNode[] {
  let cache = new Map<string, NodeEntry>();
  return (nodes, selection, measured, problems = NO_PROBLEMS) => {
    const selected = new Set(selection.nodeIds);
    const next = new Map<string, NodeEntry>();
    const result = nodes.map((source) => {
      const isSelected = selected.has(source.id);
      const size = measured[source.id];
      const status = statusOf(problems.get(source.id));
      const old = cache.get(source.id);
      const entry =
        old &&
        old.source === source &&
        old.selected === isSelected &&
        old.size === size &&
        old.status === status
          ? old
          : {
              source,
              selected: isSelected,
              size,
              status,
              flow: toFlowNode(source, isSelected, size, status),
            };
      next.set(source.id, entry);
      return entry.flow;
    });
    cache = next;
    return result;
  };
}

function toFlowNode(
  node: GraphNode,
  selected: boolean,
  size: Size | undefined,
  status: NodeStatus,
): LayerFlowNode {
  const flow: LayerFlowNode = {
    id: node.id,
    type: 'layer',
    position: node.position,
    data: NO_DATA,
    selected,
    className: statusClass(status),
  };
  const box = size ?? ESTIMATED_NODE_SIZE;
  flow.measured = { width: box.width, height: box.height };
  flow.handles = handlesFor(node, box);
  return flow;
}

/** Same identity-preserving derivation for edges; `faulty` marks edges a problem points at. */
export function createEdgeDeriver(): (
  edges: GraphDocument['edges'],
  selection: Selection,
  faulty: ReadonlySet<string>,
) => WireFlowEdge[] {
  let cache = new Map<string, EdgeEntry & { faulty: boolean }>();
  return (edges, selection, faulty) => {
    const selected = new Set(selection.edgeIds);
    const next = new Map<string, EdgeEntry & { faulty: boolean }>();
    const result = edges.map((source) => {
      const isSelected = selected.has(source.id);
      const isFaulty = faulty.has(source.id);
      const old = cache.get(source.id);
      const entry =
        old && old.source === source && old.selected === isSelected && old.faulty === isFaulty
          ? old
          : {
              source,
              selected: isSelected,
              faulty: isFaulty,
              flow: {
                id: source.id,
                source: source.source,
                target: source.target,
                selected: isSelected,
                className: isFaulty ? 'wire wire-error' : 'wire',
                data: NO_DATA,
              },
            };
      next.set(source.id, entry);
      return entry.flow;
    });
    cache = next;
    return result;
  };
}
