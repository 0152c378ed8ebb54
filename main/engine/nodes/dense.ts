import { tf } from '../backends/tf';
import { applyLayer, NO_RANDOM_INIT, one, oneVector, SEEDED_DENSE } from './build';
import type { EngineNode } from './types';

export const dense: EngineNode<'dense'> = {
  weights: ['kernel', 'bias'],
  seeded: SEEDED_DENSE,
  build: (node, inputs, ctx) => {
    const layer = tf.layers.dense({
      units: node.params.units,
      useBias: node.params.useBias,
      name: ctx.names.layerOf(node.id),
      ...NO_RANDOM_INIT,
    });
    return applyLayer(layer, oneVector(node, inputs));
  },
};

export const output: EngineNode<'output'> = {
  weights: ['kernel', 'bias'],
  seeded: SEEDED_DENSE,
  build: (node, inputs, ctx) => {
    const layer = tf.layers.dense({
      units: node.params.classes,
      activation: 'softmax',
      name: ctx.names.layerOf(node.id),
      ...NO_RANDOM_INIT,
    });
    return applyLayer(layer, oneVector(node, inputs));
  },
};

export const flatten: EngineNode<'flatten'> = {
  weights: [],
  build: (node, inputs, ctx) =>
    applyLayer(tf.layers.flatten({ name: ctx.names.layerOf(node.id) }), one(node, inputs)),
};
