import { Position, type NodeHandle } from '@xyflow/react';
import { inputArity } from '../../../core/graph/schema';
import type { GraphNode } from '../../../core/graph/schema';
import type { Size } from '../store/types';

/**
 * Node geometry React Flow would otherwise have to measure. Without a size
 * and handle bounds up front React Flow renders every node once to measure
 * it, even with onlyRenderVisibleElements, which made opening a 1,000-node
 * file lay out 1,000 detailed nodes. With them it renders only what is on
 * screen; the real sizes replace the estimate once a node has been drawn.
 */
export const ESTIMATED_NODE_SIZE: Size = { width: 190, height: 64 };

/** Matches nodes.css: handles are 9×9 (merge inputs 9×22), centred on the left and right edges. */
const HANDLE = 9;
const MERGE_HANDLE_HEIGHT = 22;

export function handlesFor(node: GraphNode, size: Size): NodeHandle[] {
  const handles: NodeHandle[] = [];
  const arity = inputArity(node.type);
  if (arity.max > 0) {
    const height = arity.max > 1 ? MERGE_HANDLE_HEIGHT : HANDLE;
    handles.push({
      type: 'target',
      position: Position.Left,
      x: -HANDLE / 2,
      y: size.height / 2 - height / 2,
      width: HANDLE,
      height,
    });
  }
  if (node.type !== 'output') {
    handles.push({
      type: 'source',
      position: Position.Right,
      x: size.width - HANDLE / 2,
      y: size.height / 2 - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    });
  }
  return handles;
}
