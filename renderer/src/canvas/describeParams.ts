import type { GraphNode } from '../../../core/graph/schema';
import { digestOf } from '../../../core/graph/nodes/registry';

/** The one-line parameter digest shown on a node, e.g. "16 @ 3×3 /1 same" (each type's descriptor writes it). */
export function describeParams(node: GraphNode): string {
  return digestOf(node);
}
