import type { GraphNode, NodeType, PrimitiveNode } from '../schema';
import type { Shape } from '../shape';
import type { LayerResult, PaletteGroupId, Window } from './descriptor';
import { NODE_DESCRIPTORS, PRIMITIVE_DESCRIPTORS } from './index';

/**
 * A descriptor seen through a node of its own type. Each descriptor is
 * stored under its own `type`, so the node handed to it always carries that
 * type's params; this view is where that pairing is stated once.
 */
type NodeView = {
  readonly title: string;
  readonly hint: string;
  readonly description: string;
  readonly group: PaletteGroupId;
  readonly arity: { readonly min: number; readonly max: number };
  digest(params: object): string;
  readonly traits: {
    readonly accepts: 'image' | 'vector' | 'any';
    window?(params: object): Window;
    readonly merge?: 'add' | 'concat';
    paramIssue?(params: object): { code: 'stride-with-dilation'; text: string } | null;
  };
};
type PrimitiveView = NodeView & { infer(params: object, inputs: readonly (Shape | null)[]): LayerResult };

const byType = new Map<string, NodeView>(NODE_DESCRIPTORS.map((d) => [d.type, d as NodeView]));
const primitiveByType = new Map<string, PrimitiveView>(
  PRIMITIVE_DESCRIPTORS.map((d) => [d.type, d as PrimitiveView]),
);

/** The descriptor of a node type. */
export function describe(type: NodeType): NodeView {
  return byType.get(type)!;
}

/** Shape, parameters and MACs of one primitive from its input shapes in edge order. */
export function inferPrimitive(node: PrimitiveNode, inputs: readonly (Shape | null)[]): LayerResult {
  return primitiveByType.get(node.type)!.infer(node.params, inputs);
}

/** The one-line parameter digest shown on a node, e.g. "16 @ 3×3 /1 same". */
export function digestOf(node: GraphNode): string {
  return describe(node.type).digest(node.params);
}

/** The window a node slides over its input, if it has one. */
export function windowOf(node: GraphNode): Window | null {
  return describe(node.type).traits.window?.(node.params) ?? null;
}
