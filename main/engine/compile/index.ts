import type { GraphDocument } from '../../../core/graph/schema';
import { tf } from '../backends/tf';
import { buildNode, type BuildContext } from './build-node';
import { CompileError } from './errors';
import { expandForCompile } from './expand';
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
  /** The tfjs layer that carries a node's weights/activations (its main layer). */
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
  const { order, inputsOf, inputNodeIds, outputNodeId } = orderGraph(expandForCompile(doc));
  const names = new LayerNames();
  const ctx: BuildContext = { names, seed: opts.seed, dropoutIndex: 0 };
  const built = new Map<string, tf.SymbolicTensor>();

  for (const node of order) {
    const inputs = (inputsOf.get(node.id) ?? []).map((id) => built.get(id)!);
    let out: tf.SymbolicTensor;
    try {
      out = buildNode(node, inputs, ctx);
    } catch (error) {
      if (error instanceof CompileError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new CompileError('tfjs', `Cannot build ${node.type}: ${message}`, node.id);
    }
    if (!symbolicShapeOk(out)) {
      const shape = JSON.stringify(out.shape.slice(1));
      throw new CompileError('empty-output', `${node.type} produces an empty tensor ${shape}`, node.id);
    }
    built.set(node.id, out);
  }

  const model = tf.model({
    inputs: inputNodeIds.map((id) => built.get(id)!),
    outputs: built.get(outputNodeId)!,
    name: 'deepwire',
  });
  initialiseWeights(model, opts.seed, names.layerOf(outputNodeId));
  return {
    model,
    inputNodeIds,
    outputNodeId,
    layerNameOf: (nodeId) => names.existing(nodeId) ?? sanitiseLayerName(nodeId),
    nodeIdOfLayer: (layerName) => names.nodeOf(layerName),
  };
}
