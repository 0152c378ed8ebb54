import type { GraphDocument } from './schema';
import { isComposite } from './schema';
import { inferLayer } from './layers';
import type { LayerResult } from './layers';
import { inferComposite } from './composites';
import { indexGraph } from './topology';
import type { GraphIndex } from './topology';
import type { Shape } from './shape';

export type { Shape } from './shape';
export { convOutputSize } from './shape';

export type NodeInference = {
  shape: Shape | null;
  params: number;
  trainableParams: number;
  macs: number;
  inputShapes: Shape[];
};
export type GraphInference = {
  nodes: Record<string, NodeInference>;
  totalParams: number;
  trainableParams: number;
  totalMacs: number;
  /** Topological; nodes on cycles omitted. */
  order: string[];
};

/**
 * Output shape, parameters and multiply-adds of every node, in one pass in
 * topological order. Never throws: unknown shapes propagate as null. A
 * composite is inferred through its expansion and reports the sums of its
 * primitives. `inputShapes` lists the known input shapes in edge order.
 */
export function inferGraph(doc: GraphDocument): GraphInference {
  return inferIndexed(indexGraph(doc));
}

export function inferIndexed(index: GraphIndex): GraphInference {
  // No prototype: node ids come from the file, and an id such as '__proto__' or 'constructor' must be an ordinary key.
  const nodes: Record<string, NodeInference> = Object.create(null) as Record<string, NodeInference>;
  const shapes = new Map<string, Shape | null>();
  let totalParams = 0;
  let trainableParams = 0;
  let totalMacs = 0;
  for (const id of index.order) {
    const node = index.nodeById.get(id)!;
    const edges = index.incoming.get(id) ?? [];
    const inputs: (Shape | null)[] = [];
    const known: Shape[] = [];
    for (const edge of edges) {
      const shape = shapes.get(edge.source) ?? null;
      inputs.push(shape);
      if (shape !== null) known.push(shape);
    }
    const result: LayerResult = isComposite(node)
      ? inferComposite(node, inputs[0] ?? null).result
      : inferLayer(node, inputs);
    shapes.set(id, result.shape);
    // A frozen node's weights all count as non-trainable (Keras's convention for layer.trainable = False).
    const trainable = node.trainable === false ? 0 : result.trainableParams;
    nodes[id] = {
      shape: result.shape,
      params: result.params,
      trainableParams: trainable,
      macs: result.macs,
      inputShapes: known,
    };
    totalParams += result.params;
    trainableParams += trainable;
    totalMacs += result.macs;
  }
  // Nodes on cycles still get an entry, so callers can look any node up.
  if (index.order.length < index.nodeById.size) {
    for (const id of index.nodeById.keys()) {
      nodes[id] ??= { shape: null, params: 0, trainableParams: 0, macs: 0, inputShapes: [] };
    }
  }
  return { nodes, totalParams, trainableParams, totalMacs, order: index.order };
}
