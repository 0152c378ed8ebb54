import type { ParamsOf, PrimitiveNode } from './schema';
import { convOutputSize, elementCount, sameShape } from './shape';
import type { Shape } from './shape';

/**
 * What one primitive layer produces from its input shapes. Unknown or
 * invalid inputs give `shape: null` (validation explains why); parameters
 * are still counted whenever they can be.
 *
 * Counting conventions (Keras's): batchNorm has 4·C params, of which the
 * moving mean and variance (2·C) are non-trainable. MACs count the
 * multiply-accumulates of conv, dense and output layers only; elementwise
 * layers (activations, pools, BN, add…) count 0, as most paper tables do.
 */
export type LayerResult = { shape: Shape | null; params: number; trainableParams: number; macs: number };

const NOTHING: LayerResult = { shape: null, params: 0, trainableParams: 0, macs: 0 };

function passThrough(shape: Shape | null): LayerResult {
  return { shape, params: 0, trainableParams: 0, macs: 0 };
}

function image(shape: Shape | null | undefined): [number, number, number] | null {
  return shape && shape.length === 3 ? [shape[0]!, shape[1]!, shape[2]!] : null;
}

function vector(shape: Shape | null | undefined): number | null {
  return shape && shape.length === 1 ? shape[0]! : null;
}

/** Spatial output of a windowed op, or null when either side would be ≤ 0. */
export function windowOutput(
  input: [number, number, number],
  kernel: number,
  stride: number,
  padding: ParamsOf<'conv2d'>['padding'],
  dilation = 1,
): [number, number] | null {
  const h = convOutputSize(input[0], kernel, stride, padding, dilation).size;
  const w = convOutputSize(input[1], kernel, stride, padding, dilation).size;
  return h > 0 && w > 0 ? [h, w] : null;
}

function conv(p: ParamsOf<'conv2d'>, input: Shape | null | undefined): LayerResult {
  const img = image(input);
  if (!img) return NOTHING;
  const cin = img[2];
  const params = p.kernel * p.kernel * cin * p.filters + (p.useBias ? p.filters : 0);
  const out = windowOutput(img, p.kernel, p.stride, p.padding, p.dilation);
  if (!out) return { shape: null, params, trainableParams: params, macs: 0 };
  const macs = out[0] * out[1] * p.filters * p.kernel * p.kernel * cin;
  return { shape: [out[0], out[1], p.filters], params, trainableParams: params, macs };
}

function pool(p: ParamsOf<'maxPool2d'>, input: Shape | null | undefined): LayerResult {
  const img = image(input);
  const out = img && windowOutput(img, p.pool, p.stride, p.padding);
  return passThrough(img && out ? [out[0], out[1], img[2]] : null);
}

function fullyConnected(units: number, bias: boolean, input: Shape | null | undefined): LayerResult {
  const n = vector(input);
  if (n === null) return NOTHING;
  const params = n * units + (bias ? units : 0);
  return { shape: [units], params, trainableParams: params, macs: n * units };
}

function merge(kind: 'add' | 'concat', inputs: readonly (Shape | null)[]): Shape | null {
  if (inputs.length < 2) return null;
  const known: Shape[] = [];
  for (const s of inputs) {
    if (!s) return null;
    known.push(s);
  }
  const first = known[0]!;
  if (kind === 'add') return known.every((s) => sameShape(s, first)) ? [...first] : null;
  const rank = first.length;
  const leading = (s: Shape) => s.slice(0, rank - 1);
  if (!known.every((s) => s.length === rank && sameShape(leading(s), leading(first)))) return null;
  return [...leading(first), known.reduce((sum, s) => sum + s[rank - 1]!, 0)];
}

export function inferLayer(node: PrimitiveNode, inputs: readonly (Shape | null)[]): LayerResult {
  const input = inputs[0];
  switch (node.type) {
    case 'input':
      return passThrough([node.params.height, node.params.width, node.params.channels]);
    case 'conv2d':
      return conv(node.params, input);
    case 'maxPool2d':
    case 'avgPool2d':
      return pool(node.params, input);
    case 'globalAvgPool2d': {
      const img = image(input);
      return passThrough(img ? [img[2]] : null);
    }
    case 'activation':
    case 'dropout':
      return passThrough(input ? [...input] : null);
    case 'lrn':
      return passThrough(image(input) ? [...input!] : null);
    case 'batchNorm': {
      // Normalises the last axis, so it works after dense layers too.
      if (!input || input.length === 0) return NOTHING;
      const c = input[input.length - 1]!;
      return { shape: [...input], params: 4 * c, trainableParams: 2 * c, macs: 0 };
    }
    case 'dense':
      return fullyConnected(node.params.units, node.params.useBias, input);
    case 'output':
      return fullyConnected(node.params.classes, true, input);
    case 'flatten':
      return passThrough(input && input.length > 0 ? [elementCount(input)] : null);
    case 'add':
    case 'concat':
      return passThrough(merge(node.type, inputs));
    case 'zeroPad2d': {
      const img = image(input);
      const p = node.params;
      return passThrough(
        img
          ? [
              img[0] + p.top + p.bottom,
              img[1] + p.left + p.right,
              img[2] + p.channelsBefore + p.channelsAfter,
            ]
          : null,
      );
    }
  }
}
