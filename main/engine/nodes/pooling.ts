import type { NodeOfType } from '../../../core/graph/schema';
import { tf } from '../backends/tf';
import { applyLayer, oneImage, padded } from './build';
import type { BuildContext, EngineNode, Sym } from './types';

function pool(node: NodeOfType<'maxPool2d' | 'avgPool2d'>, inputs: Sym[], ctx: BuildContext): Sym {
  const p = node.params;
  const { x, mode } = padded(node, oneImage(node, inputs), p.padding, ctx);
  const args = { poolSize: p.pool, strides: p.stride, padding: mode, name: ctx.names.layerOf(node.id) };
  return applyLayer(
    node.type === 'maxPool2d' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args),
    x,
  );
}

export const maxPool2d: EngineNode<'maxPool2d'> = { weights: [], build: pool };
export const avgPool2d: EngineNode<'avgPool2d'> = { weights: [], build: pool };

export const globalAvgPool2d: EngineNode<'globalAvgPool2d'> = {
  weights: [],
  build: (node, inputs, ctx) =>
    applyLayer(
      tf.layers.globalAveragePooling2d({ name: ctx.names.layerOf(node.id) }),
      oneImage(node, inputs),
    ),
};
