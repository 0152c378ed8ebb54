import type { Padding, PrimitiveNode } from '../../../core/graph/schema';
import { tf } from '../backends/tf';
import { CompileError } from '../compile/errors';
import { fans } from '../compile/init-weights';
import type { BuildContext, SeededKernel, Sym } from './types';

/** tfjs draws initial weights itself otherwise; init-weights.ts overwrites them from our seeded streams. */
export const NO_RANDOM_INIT = { kernelInitializer: 'zeros', biasInitializer: 'zeros' } as const;

/** fanIn of a dense [in, out] or conv [kh, kw, in, out] kernel: every input the output sums over. */
const denseFanIn = (shape: readonly number[]): number => fans(shape).fanIn;

export const SEEDED_CONV: SeededKernel = {
  layerClasses: ['Conv2D', 'Deepwire>DilatedConv2D'],
  role: 'kernel',
  fanIn: denseFanIn,
};
export const SEEDED_DENSE: SeededKernel = { layerClasses: ['Dense'], role: 'kernel', fanIn: denseFanIn };

export function one(node: PrimitiveNode, inputs: Sym[]): Sym {
  const x = inputs[0];
  if (!x) throw new CompileError('missing-input', `${node.type} has no input`, node.id);
  return x;
}

export function applyLayer(layer: tf.layers.Layer, input: Sym | Sym[]): Sym {
  const out = layer.apply(input);
  if (Array.isArray(out) || !(out instanceof tf.SymbolicTensor))
    throw new Error(`${layer.name} gave no single output`);
  return out;
}

/** The node's single input, which must be an image [batch, height, width, channels]. */
export function oneImage(node: PrimitiveNode, inputs: Sym[]): Sym {
  const x = one(node, inputs);
  if (x.shape.length !== 4) {
    throw new CompileError(
      'needs-image',
      `${node.type} needs an image [height, width, channels] input`,
      node.id,
    );
  }
  return x;
}

/** The node's single input, which must be a vector [batch, features]. */
export function oneVector(node: PrimitiveNode, inputs: Sym[]): Sym {
  const x = one(node, inputs);
  if (x.shape.length !== 2) {
    const shown = JSON.stringify(x.shape.slice(1));
    throw new CompileError(
      'needs-vector',
      `${node.type} needs a vector input; got ${shown} — add a Flatten`,
      node.id,
    );
  }
  return x;
}

/** 'same'/'valid' map to tfjs; an explicit P becomes a `<id>__pad` ZeroPadding2D then 'valid'. */
export function padded(
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

/** TensorFlow.js has no strided atrous convolution. */
export function refuseStridedDilation(node: PrimitiveNode, stride: number, dilation: number): void {
  if (stride > 1 && dilation > 1) {
    throw new CompileError(
      'stride-with-dilation',
      'TensorFlow.js cannot combine stride > 1 with dilation > 1',
      node.id,
    );
  }
}
