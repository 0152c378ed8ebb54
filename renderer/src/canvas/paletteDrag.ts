import { NODE_TYPES, type NodeType } from '../../../core/graph/schema';

/** The drag-and-drop MIME type carrying a node type from the palette to the canvas. */
export const PALETTE_DRAG_TYPE = 'application/x-deepwire-node';

export function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}
