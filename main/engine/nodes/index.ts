import type { PrimitiveNode } from '../../../core/graph/schema';
import { conv2d } from './conv';
import { dense, flatten, output } from './dense';
import { activation, batchNorm, dropout, lrn } from './elementwise';
import { avgPool2d, globalAvgPool2d, maxPool2d } from './pooling';
import { add, concat, input, zeroPad2d } from './structure';
import type { BuildContext, EngineNodes, SeededKernel, Sym } from './types';

/** Every primitive's engine descriptor; the mapped type makes a missing type a compile error. */
export const ENGINE_NODES: EngineNodes = {
  input,
  output,
  conv2d,
  zeroPad2d,
  maxPool2d,
  avgPool2d,
  globalAvgPool2d,
  activation,
  batchNorm,
  lrn,
  dropout,
  flatten,
  dense,
  add,
  concat,
};

/** An entry seen through a node of its own type: entries are keyed by their type, so the node always fits. */
type NodeView = { build(node: PrimitiveNode, inputs: Sym[], ctx: BuildContext): Sym };

/** Builds the tfjs layer(s) for one primitive node on its symbolic inputs. */
export function buildPrimitive(node: PrimitiveNode, inputs: Sym[], ctx: BuildContext): Sym {
  const entry: NodeView = ENGINE_NODES[node.type];
  return entry.build(node, inputs, ctx);
}

/** Seeded kernels by the tfjs class of the layer that holds them. */
export const SEEDED_BY_LAYER_CLASS: ReadonlyMap<string, SeededKernel> = new Map(
  Object.values(ENGINE_NODES).flatMap((e: { seeded?: SeededKernel }) =>
    e.seeded ? e.seeded.layerClasses.map((c) => [c, e.seeded!] as const) : [],
  ),
);
