import type { ActivationFunction } from '../../../core/graph/schema';
import { tf } from '../backends/tf';
import { BinaryStep, LocalResponseNorm, ScaledElu, SeededDropout } from '../compile/layers';
import { applyLayer, one, oneImage } from './build';
import type { EngineNode } from './types';

function activationLayer(fn: ActivationFunction, alpha: number, name: string): tf.layers.Layer {
  switch (fn) {
    case 'identity':
      return tf.layers.activation({ activation: 'linear', name });
    case 'binaryStep':
      return new BinaryStep({ name });
    case 'leakyRelu':
      return tf.layers.leakyReLU({ alpha, name });
    case 'elu':
      return new ScaledElu({ alpha, name });
    case 'sigmoid':
    case 'tanh':
    case 'relu':
    case 'selu':
    case 'gelu':
    case 'softmax':
      return tf.layers.activation({ activation: fn, name });
  }
}

export const activation: EngineNode<'activation'> = {
  weights: [],
  build: (node, inputs, ctx) =>
    applyLayer(
      activationLayer(node.params.fn, node.params.alpha, ctx.names.layerOf(node.id)),
      one(node, inputs),
    ),
};

export const batchNorm: EngineNode<'batchNorm'> = {
  weights: ['gamma', 'beta', 'moving_mean', 'moving_variance'],
  build: (node, inputs, ctx) => {
    const p = node.params;
    const name = ctx.names.layerOf(node.id);
    return applyLayer(
      tf.layers.batchNormalization({ axis: -1, momentum: p.momentum, epsilon: p.epsilon, name }),
      one(node, inputs),
    );
  },
};

export const lrn: EngineNode<'lrn'> = {
  weights: [],
  build: (node, inputs, ctx) =>
    applyLayer(
      new LocalResponseNorm({ ...node.params, name: ctx.names.layerOf(node.id) }),
      oneImage(node, inputs),
    ),
};

export const dropout: EngineNode<'dropout'> = {
  weights: [],
  build: (node, inputs, ctx) => {
    // Each dropout layer gets its own stream, derived from the run seed and its position.
    const seed = (ctx.seed * 1000003 + ++ctx.dropoutIndex) >>> 0;
    const layer = new SeededDropout({ rate: node.params.rate, seed, name: ctx.names.layerOf(node.id) });
    return applyLayer(layer, one(node, inputs));
  },
};
