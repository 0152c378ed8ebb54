import type { ActivationFunction, Padding, PrimitiveNode } from '../../../core/graph/schema';
import { tf } from '../backends/tf';
import { CompileError } from './errors';
import {
  BinaryStep,
  DilatedConv2D,
  LocalResponseNorm,
  ScaledElu,
  SeededDropout,
  ZeroPadChannels,
} from './layers';
import type { LayerNames } from './names';

type Sym = tf.SymbolicTensor;
export type BuildContext = { names: LayerNames; seed: number; dropoutIndex: number };

/** tfjs draws initial weights itself otherwise; init-weights.ts overwrites them from our seeded streams. */
const NO_RANDOM_INIT = { kernelInitializer: 'zeros', biasInitializer: 'zeros' } as const;

function one(node: PrimitiveNode, inputs: Sym[]): Sym {
  const x = inputs[0];
  if (!x) throw new CompileError('missing-input', `${node.type} has no input`, node.id);
  return x;
}

function applyLayer(layer: tf.layers.Layer, input: Sym | Sym[]): Sym {
  const out = layer.apply(input);
  if (Array.isArray(out) || !(out instanceof tf.SymbolicTensor))
    throw new Error(`${layer.name} gave no single output`);
  return out;
}

function requireImage(node: PrimitiveNode, x: Sym): void {
  if (x.shape.length !== 4) {
    throw new CompileError(
      'needs-image',
      `${node.type} needs an image [height, width, channels] input`,
      node.id,
    );
  }
}

function requireVector(node: PrimitiveNode, x: Sym): void {
  if (x.shape.length !== 2) {
    const shown = JSON.stringify(x.shape.slice(1));
    throw new CompileError(
      'needs-vector',
      `${node.type} needs a vector input; got ${shown} — add a Flatten`,
      node.id,
    );
  }
}

/** 'same'/'valid' map to tfjs; an explicit P becomes a `<id>__pad` ZeroPadding2D then 'valid'. */
function padded(
  node: PrimitiveNode,
  x: Sym,
  padding: Padding,
  ctx: BuildContext,
): { x: Sym; mode: 'same' | 'valid' } {
  if (typeof padding !== 'number') return { x, mode: padding };
  if (padding === 0) return { x, mode: 'valid' };
  const pad = tf.layers.zeroPadding2d({
    padding: [
      [padding, padding],
      [padding, padding],
    ],
    name: ctx.names.helperOf(node.id, 'pad'),
  });
  return { x: applyLayer(pad, x), mode: 'valid' };
}

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

/** Builds the tfjs layer(s) for one primitive node on its symbolic inputs. */
export function buildNode(node: PrimitiveNode, inputs: Sym[], ctx: BuildContext): Sym {
  const name = ctx.names.layerOf(node.id);
  switch (node.type) {
    case 'input': {
      const p = node.params;
      return tf.input({ shape: [p.height, p.width, p.channels], name });
    }
    case 'conv2d': {
      const p = node.params;
      const x = one(node, inputs);
      requireImage(node, x);
      if (p.stride > 1 && p.dilation > 1) {
        throw new CompileError(
          'stride-with-dilation',
          'TensorFlow.js cannot combine stride > 1 with dilation > 1',
          node.id,
        );
      }
      const { x: input, mode } = padded(node, x, p.padding, ctx);
      if (p.dilation > 1) {
        const args = {
          filters: p.filters,
          kernel: p.kernel,
          dilation: p.dilation,
          padding: mode,
          useBias: p.useBias,
          name,
        };
        return applyLayer(new DilatedConv2D(args), input);
      }
      const conv = tf.layers.conv2d({
        filters: p.filters,
        kernelSize: p.kernel,
        strides: p.stride,
        padding: mode,
        dilationRate: p.dilation,
        useBias: p.useBias,
        name,
        ...NO_RANDOM_INIT,
      });
      return applyLayer(conv, input);
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const p = node.params;
      const x = one(node, inputs);
      requireImage(node, x);
      const { x: input, mode } = padded(node, x, p.padding, ctx);
      const args = { poolSize: p.pool, strides: p.stride, padding: mode, name };
      const pool =
        node.type === 'maxPool2d' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
      return applyLayer(pool, input);
    }
    case 'globalAvgPool2d': {
      const x = one(node, inputs);
      requireImage(node, x);
      return applyLayer(tf.layers.globalAveragePooling2d({ name }), x);
    }
    case 'activation':
      return applyLayer(activationLayer(node.params.fn, node.params.alpha, name), one(node, inputs));
    case 'batchNorm': {
      const p = node.params;
      return applyLayer(
        tf.layers.batchNormalization({ axis: -1, momentum: p.momentum, epsilon: p.epsilon, name }),
        one(node, inputs),
      );
    }
    case 'lrn': {
      const x = one(node, inputs);
      requireImage(node, x);
      return applyLayer(new LocalResponseNorm({ ...node.params, name }), x);
    }
    case 'dense':
    case 'output': {
      const x = one(node, inputs);
      requireVector(node, x);
      const dense =
        node.type === 'dense'
          ? tf.layers.dense({
              units: node.params.units,
              useBias: node.params.useBias,
              name,
              ...NO_RANDOM_INIT,
            })
          : tf.layers.dense({ units: node.params.classes, activation: 'softmax', name, ...NO_RANDOM_INIT });
      return applyLayer(dense, x);
    }
    case 'flatten':
      return applyLayer(tf.layers.flatten({ name }), one(node, inputs));
    case 'dropout': {
      // Each dropout layer gets its own stream, derived from the run seed and its position.
      const seed = (ctx.seed * 1000003 + ++ctx.dropoutIndex) >>> 0;
      return applyLayer(new SeededDropout({ rate: node.params.rate, seed, name }), one(node, inputs));
    }
    case 'add':
      return applyLayer(tf.layers.add({ name }), inputs);
    case 'concat':
      return applyLayer(tf.layers.concatenate({ axis: -1, name }), inputs);
    case 'zeroPad2d': {
      const x = one(node, inputs);
      requireImage(node, x);
      return applyLayer(new ZeroPadChannels({ ...node.params, name }), x);
    }
  }
}
