import type { GraphDocument, Position } from '../../../core/graph/schema';
import { HISTORY_LIMIT } from '../store/history';
import { defineAction } from './types';

export type MoveNodesArg = {
  readonly positions: Readonly<Record<string, Position>>;
  /** True while the pointer is still down: the move is shown but not yet an undo step. */
  readonly dragging: boolean;
};

/** Returns the document with the given nodes moved; unmoved nodes keep their identity. */
export function withPositions(
  doc: GraphDocument,
  positions: Readonly<Record<string, Position>>,
): GraphDocument {
  let changed = false;
  const nodes = doc.nodes.map((node) => {
    const next = positions[node.id];
    if (!next || (next.x === node.position.x && next.y === node.position.y)) return node;
    changed = true;
    return { ...node, position: { x: next.x, y: next.y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/**
 * Moves nodes. A drag streams many moves; they all share one undo step that
 * is recorded when the drag ends, against the document from before it began.
 */
export const moveNodes = defineAction<MoveNodesArg>({
  name: 'moveNodes',
  label: 'Move',
  perform(state, { positions, dragging }) {
    const document = withPositions(state.document, positions);
    const origin = state.dragOrigin ?? state.document;
    if (dragging) return { document, dragOrigin: origin };
    if (origin === document) return state.dragOrigin ? { dragOrigin: null } : null;
    return {
      document,
      dragOrigin: null,
      past: [...state.past, origin].slice(-HISTORY_LIMIT),
      future: [],
    };
  },
});
