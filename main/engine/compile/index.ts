import { expandComposites } from '../../../core/graph/expand';
import type { GraphDocument, PrimitiveNode } from '../../../core/graph/schema';
import { tf } from '../backends/tf';
import { buildNode, type BuildContext } from './build-node';
import { CompileError } from './errors';
import { orderGraph } from './graph-order';
import { initialiseWeights } from './init-weights';
import { LayerNames, sanitiseLayerName } from './names';

export { CompileError, type CompileErrorCode } from './errors';
export { CUSTOM_LAYERS, SeededDropout } from './layers';
export { sanitiseLayerName } from './names';

export type CompiledGraph = {
  model: tf.LayersModel;
  /** Input node ids in the order the model's inputs expect them. */
  inputNodeIds: string[];
  outputNodeId: string;
  /** The tfjs layer that carries a node's weights/activations (its main layer; a composite's exit layer). */
  layerNameOf(nodeId: string): string;
  /** The node a tfjs layer (main or helper, e.g. `<id>__pad`) belongs to. */
  nodeIdOfLayer(layerName: string): string | undefined;
};

function symbolicShapeOk(x: tf.SymbolicTensor): boolean {
  return x.shape.slice(1).every((d) => d === null || d > 0);
}

/**
 * Graph document → tf.LayersModel (composites expanded into primitives) via the
 * functional API, every layer named after its node, weights seeded. Throws
 * CompileError with the offending node's id.
 */
export function compileGraph(doc: GraphDocument, opts: { seed: number }): CompiledGraph {
  const expanded = expandComposites(doc);
  let compiled: CompiledGraph;
  try {
    compiled = compileExpanded(expanded, opts.seed);
  } catch (error) {
    throw blameUserNode(error, doc, expanded);
  }
  const exits = compositeExits(expanded);
  const primitiveLayerName = compiled.layerNameOf;
  // A composite on the canvas is represented by its exit layer (e.g. a stage's last ReLU).
  return { ...compiled, layerNameOf: (nodeId) => primitiveLayerName(exits.get(nodeId) ?? nodeId) };
}

/** For each expanded composite, the primitive whose output leaves the group (its output). */
function compositeExits(expanded: GraphDocument): Map<string, string> {
  const groupOf = new Map<string, string>();
  for (const node of expanded.nodes) if (node.group) groupOf.set(node.id, node.group.id);
  const exits = new Map<string, string>();
  for (const node of expanded.nodes) {
    const group = groupOf.get(node.id);
    if (group === undefined) continue;
    const outgoing = expanded.edges.filter((e) => e.source === node.id);
    if (outgoing.length === 0 || outgoing.some((e) => groupOf.get(e.target) !== group))
      exits.set(group, node.id);
  }
  return exits;
}

/**
 * A primitive that exists only inside an expanded composite is not on the
 * user's canvas: report the composite (its `group`) and name the inner layer.
 */
function blameUserNode(error: unknown, doc: GraphDocument, expanded: GraphDocument): unknown {
  if (!(error instanceof CompileError) || error.nodeId === undefined) return error;
  if (doc.nodes.some((n) => n.id === error.nodeId)) return error;
  const inner = expanded.nodes.find((n) => n.id === error.nodeId);
  if (!inner?.group) return error;
  return new CompileError(error.code, `${error.reason} [inside, at '${inner.id}']`, inner.group.id);
}

/** Any tfjs failure while building becomes a CompileError against the node. */
function buildWrapped(
  node: PrimitiveNode,
  inputs: tf.SymbolicTensor[],
  ctx: BuildContext,
): tf.SymbolicTensor {
  try {
    return buildNode(node, inputs, ctx);
  } catch (error) {
    if (error instanceof CompileError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CompileError('tfjs', `Cannot build ${node.type}: ${message}`, node.id);
  }
}

/** Every layer that produced one of `tensors` or fed into them (helper pads included). */
function layersUpstreamOf(tensors: tf.SymbolicTensor[]): Set<tf.layers.Layer> {
  const layers = new Set<tf.layers.Layer>();
  const pending = [...tensors];
  for (let t = pending.pop(); t; t = pending.pop()) {
    if (layers.has(t.sourceLayer as tf.layers.Layer)) continue;
    layers.add(t.sourceLayer as tf.layers.Layer);
    pending.push(...t.inputs);
  }
  return layers;
}

function compileExpanded(doc: GraphDocument, seed: number): CompiledGraph {
  const { order, inputsOf, inputNodeIds, outputNodeId } = orderGraph(doc);
  const names = new LayerNames();
  const ctx: BuildContext = { names, seed, dropoutIndex: 0 };
  const built = new Map<string, tf.SymbolicTensor>();

  try {
    for (const node of order) {
      const inputs = (inputsOf.get(node.id) ?? []).map((id) => built.get(id)!);
      const out = buildWrapped(node, inputs, ctx);
      built.set(node.id, out);
      if (!symbolicShapeOk(out)) {
        const shape = JSON.stringify(out.shape.slice(1));
        throw new CompileError('empty-output', `${node.type} produces an empty tensor ${shape}`, node.id);
      }
    }
  } catch (error) {
    // Layers built before the failure already own weight tensors: free them.
    for (const layer of layersUpstreamOf([...built.values()])) {
      for (const weight of layer.weights) weight.dispose();
    }
    throw error;
  }

  const model = tf.model({
    inputs: inputNodeIds.map((id) => built.get(id)!),
    outputs: built.get(outputNodeId)!,
    name: 'deepwire',
  });
  initialiseWeights(model, seed);
  return {
    model,
    inputNodeIds,
    outputNodeId,
    layerNameOf: (nodeId) => names.existing(nodeId) ?? sanitiseLayerName(nodeId),
    nodeIdOfLayer: (layerName) => names.nodeOf(layerName),
  };
}
