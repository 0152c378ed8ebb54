import type { CompositeType, NodeOfType, NodeType } from '../../../core/graph/schema';
import type { tf } from '../backends/tf';
import type { LayerNames } from '../compile/names';

export type Sym = tf.SymbolicTensor;
export type BuildContext = { names: LayerNames; seed: number; dropoutIndex: number };

/** The types the engine builds; composites reach it expanded. */
export type PrimitiveType = Exclude<NodeType, CompositeType>;

/** tfjs weight variable names (after the layer scope), one per role a layer's weights play. */
export const WEIGHT_ROLES = [
  'kernel',
  'depthwise_kernel',
  'bias',
  'gamma',
  'beta',
  'moving_mean',
  'moving_variance',
] as const;
export type WeightRole = (typeof WEIGHT_ROLES)[number];

/** A kernel drawn He-normal from the run's seeded stream, N(0, 2/fanIn), as PyTorch's kaiming_normal_. */
export type SeededKernel = {
  /** tfjs class names of the layers `build` makes whose kernel this is. */
  readonly layerClasses: readonly string[];
  readonly role: WeightRole;
  /** PyTorch's fan-in for this kernel, from its tfjs shape. */
  readonly fanIn: (shape: readonly number[]) => number;
};

/** What the engine knows about one primitive: how to build it and what its weights are. */
export type EngineNode<T extends PrimitiveType> = {
  /** Builds the tfjs layer(s) for one node on its symbolic inputs; returns the node's output. */
  readonly build: (node: NodeOfType<T>, inputs: Sym[], ctx: BuildContext) => Sym;
  /** The roles of its main layer's weights, in tfjs's order. */
  readonly weights: readonly WeightRole[];
  readonly seeded?: SeededKernel;
};

/** One entry per primitive type: a type without one does not compile. */
export type EngineNodes = { readonly [T in PrimitiveType]: EngineNode<T> };
