import { tf } from '../backends/tf';
import { ZeroPadChannels } from '../compile/layers';
import { applyLayer, oneImage } from './build';
import type { EngineNode } from './types';

export const input: EngineNode<'input'> = {
  weights: [],
  build: (node, _inputs, ctx) => {
    const p = node.params;
    return tf.input({ shape: [p.height, p.width, p.channels], name: ctx.names.layerOf(node.id) });
  },
};

export const add: EngineNode<'add'> = {
  weights: [],
  build: (node, inputs, ctx) => applyLayer(tf.layers.add({ name: ctx.names.layerOf(node.id) }), inputs),
};

export const concat: EngineNode<'concat'> = {
  weights: [],
  build: (node, inputs, ctx) =>
    applyLayer(tf.layers.concatenate({ axis: -1, name: ctx.names.layerOf(node.id) }), inputs),
};

export const zeroPad2d: EngineNode<'zeroPad2d'> = {
  weights: [],
  build: (node, inputs, ctx) =>
    applyLayer(
      new ZeroPadChannels({ ...node.params, name: ctx.names.layerOf(node.id) }),
      oneImage(node, inputs),
    ),
};
