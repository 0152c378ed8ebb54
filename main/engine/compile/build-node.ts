import type { PrimitiveNode } from '../../../core/graph/schema';
import { buildPrimitive } from '../nodes';
import type { BuildContext, Sym } from '../nodes/types';

export type { BuildContext } from '../nodes/types';

/** Builds the tfjs layer(s) for one primitive node on its symbolic inputs (each type's engine descriptor does it). */
export function buildNode(node: PrimitiveNode, inputs: Sym[], ctx: BuildContext): Sym {
  return buildPrimitive(node, inputs, ctx);
}
