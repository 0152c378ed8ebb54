import type { ActivationFunction } from '../../../core/graph/schema';
import { sanitiseLayerName } from '../compile/names';
import { ImportError } from './errors';
import { foldPadding, foldSoftmaxOutput } from './folds';
import type { ImportedNode, ImportedTensor, UnplacedNode } from './spec';

/**
 * Keras layer configs (Keras 3 .keras/config.json, or the Keras 2 JSON that
 * TF.js's model.json holds) → Deepwire nodes. Only an allow-list of classes
 * is understood; nothing in the file is ever executed, and Lambda layers or
 * unknown classes are refused with the layer's name.
 */
export type KerasLayerIn = {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inbound: string[];
};
export type LayerWeights = { shape: number[]; values: Float32Array }[];

type Cfg = Record<string, unknown>;
type NodeOut = UnplacedNode;

/**
 * Class and activation names come from the file: Maps, not objects, so a
 * name like 'constructor' or '__proto__' finds nothing instead of a prototype member.
 */
const CUSTOM: ReadonlyMap<string, string> = new Map([
  ['Deepwire>LRN', 'LRN'],
  ['Deepwire>BinaryStep', 'BinaryStep'],
  ['Deepwire>ChannelPad', 'ChannelPad'],
  ['Deepwire>ZeroPadChannels', 'ChannelPad'],
  ['Deepwire>ELU', 'ELU'],
  ['Deepwire>SeededDropout', 'Dropout'],
  ['Deepwire>DilatedConv2D', 'DilatedConv2D'],
]);

const KERAS_ACTIVATIONS: ReadonlyMap<string, ActivationFunction> = new Map([
  ['linear', 'identity'],
  ['relu', 'relu'],
  ['sigmoid', 'sigmoid'],
  ['tanh', 'tanh'],
  ['selu', 'selu'],
  ['gelu', 'gelu'],
  ['elu', 'elu'],
  ['softmax', 'softmax'],
]);

/** TF.js writes custom layers' camelCase config keys in snake_case; accept both. */
const snake = (key: string) => key.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

const num = (c: Cfg, key: string, fallback?: number): number => {
  const v = c[key] ?? c[snake(key)];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (fallback !== undefined && (v === undefined || v === null)) return fallback;
  throw new ImportError(`'${key}' is missing or not a number`);
};

/** A square 2-D size from Keras's int or [a, b]. */
function square(c: Cfg, key: string, fallback?: number): number {
  const v = c[key];
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback;
    throw new ImportError(`'${key}' is missing`);
  }
  const [a, b] = Array.isArray(v) ? v : [v, v];
  if (typeof a !== 'number' || a !== b || !Number.isInteger(a))
    throw new ImportError(`'${key}' ${JSON.stringify(v)} is not square; Deepwire's layers are`);
  return a;
}

function paddingMode(c: Cfg): 'same' | 'valid' {
  const p = c.padding ?? 'valid';
  if (p !== 'same' && p !== 'valid') throw new ImportError(`padding '${String(p)}' is not supported`);
  return p;
}

function channelsLast(c: Cfg): void {
  const f = c.data_format;
  if (f !== undefined && f !== null && f !== 'channels_last')
    throw new ImportError(`data_format '${String(f)}' is not supported (Deepwire is channels-last)`);
}

function activationName(value: unknown): ActivationFunction {
  const name =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object'
        ? (value as Cfg).class_name
        : undefined;
  const fn = typeof name === 'string' ? KERAS_ACTIVATIONS.get(name.toLowerCase()) : undefined;
  if (!fn) throw new ImportError(`activation '${JSON.stringify(value)}' has no Deepwire equivalent`);
  return fn;
}

/** [[t, b], [l, r]] from Keras's int, [h, w] or [[t, b], [l, r]]. */
function pads2d(v: unknown): [number, number, number, number] {
  if (typeof v === 'number') return [v, v, v, v];
  if (Array.isArray(v) && v.length === 2) {
    const [h, w] = v as unknown[];
    if (typeof h === 'number' && typeof w === 'number') return [h, h, w, w];
    if (Array.isArray(h) && Array.isArray(w)) {
      const all = [h[0], h[1], w[0], w[1]];
      if (all.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0))
        return all as [number, number, number, number];
    }
  }
  throw new ImportError(`padding ${JSON.stringify(v)} is not understood`);
}

type Mapped = { nodes: ImportedNode[]; tensors: ImportedTensor[] };

export function kerasLayersToNodes(
  layers: readonly KerasLayerIn[],
  weightsOf: (layer: KerasLayerIn) => LayerWeights | null,
  outputName: string,
): Mapped {
  const nodes: ImportedNode[] = [];
  const tensors: ImportedTensor[] = [];
  /** Keras layer name → the node id that carries its output. */
  const outOf = new Map<string, string>();
  const used = new Set<string>();
  const idFor = (name: string) => {
    let id = sanitiseLayerName(name);
    for (let i = 2; used.has(id); i++) id = `${sanitiseLayerName(name)}_${i}`;
    used.add(id);
    return id;
  };
  const consumers = new Map<string, number>();
  for (const l of layers) for (const s of l.inbound) consumers.set(s, (consumers.get(s) ?? 0) + 1);

  const add = (node: NodeOut, inputs: string[]) => {
    nodes.push({ node, inputs });
    return node.id;
  };
  const weights = (id: string, layer: KerasLayerIn, roles: string[], present: boolean[]) => {
    const values = weightsOf(layer);
    if (values === null) return; // a bare config: the graph starts from fresh weights
    const wanted = roles.filter((_, i) => present[i]);
    if (values.length !== wanted.length)
      throw new ImportError(
        `layer '${layer.name}' has ${values.length} weight tensors, expected ${wanted.length}`,
      );
    wanted.forEach((role, i) => {
      const w = values[i];
      if (w) tensors.push({ name: `${id}/${role}`, shape: w.shape, values: w.values });
    });
  };
  /** Adds ones/zeros for batch-norm parts a Keras layer was built without (center/scale false). */
  const filler = (id: string, role: string, size: number, value: number) =>
    tensors.push({ name: `${id}/${role}`, shape: [size], values: new Float32Array(size).fill(value) });
  const shapes = new Map<string, number[]>();

  for (const layer of layers) {
    const c = layer.config;
    const cls = CUSTOM.get(layer.className) ?? layer.className;
    const inputs = layer.inbound.map((s) => {
      const id = outOf.get(s);
      if (id === undefined)
        throw new ImportError(`layer '${layer.name}' reads '${s}', which comes later or does not exist`);
      return id;
    });
    const [x = ''] = inputs;
    const id = idFor(layer.name);
    const isOutput = layer.name === outputName;
    let last: string;
    try {
      switch (cls) {
        case 'InputLayer': {
          const shape = (c.batch_shape ?? c.batch_input_shape) as unknown;
          if (!Array.isArray(shape) || shape.length !== 4)
            throw new ImportError('the input must be an image [height, width, channels]');
          const [, height, width, channels] = shape as number[];
          last = add(
            {
              id,
              type: 'input',
              params: { height: Number(height), width: Number(width), channels: Number(channels) },
            },
            [],
          );
          shapes.set(id, [Number(channels)]);
          break;
        }
        case 'Conv2D': {
          channelsLast(c);
          if (c.groups !== undefined && c.groups !== 1)
            throw new ImportError('grouped convolutions are not supported');
          const useBias = c.use_bias !== false;
          const params = {
            filters: num(c, 'filters'),
            kernel: square(c, 'kernel_size'),
            stride: square(c, 'strides', 1),
            padding: paddingMode(c),
            dilation: square(c, 'dilation_rate', 1),
            useBias,
          };
          last = add({ id, type: 'conv2d', params }, inputs);
          weights(id, layer, ['kernel', 'bias'], [true, useBias]);
          last = withActivation(last, c.activation, layer.name);
          break;
        }
        case 'DilatedConv2D': {
          // Deepwire's trainable atrous conv (stride 1): same weights as Conv2D.
          const useBias = (c.useBias ?? c.use_bias) !== false;
          const params = {
            filters: num(c, 'filters'),
            kernel: num(c, 'kernel'),
            stride: 1,
            padding: paddingMode(c),
            dilation: num(c, 'dilation'),
            useBias,
          };
          last = add({ id, type: 'conv2d', params }, inputs);
          weights(id, layer, ['kernel', 'bias'], [true, useBias]);
          break;
        }
        case 'MaxPooling2D':
        case 'AveragePooling2D': {
          channelsLast(c);
          const pool = square(c, 'pool_size', 2);
          const params = { pool, stride: square(c, 'strides', pool), padding: paddingMode(c) };
          last = add({ id, type: cls === 'MaxPooling2D' ? 'maxPool2d' : 'avgPool2d', params }, inputs);
          break;
        }
        case 'GlobalAveragePooling2D':
          channelsLast(c);
          if (c.keepdims === true) throw new ImportError('keepdims=true is not supported');
          last = add({ id, type: 'globalAvgPool2d', params: {} }, inputs);
          break;
        case 'Activation':
        case 'ReLU':
        case 'Softmax':
        case 'LeakyReLU':
        case 'ELU':
        case 'BinaryStep': {
          const fn: ActivationFunction =
            cls === 'Activation'
              ? activationName(c.activation)
              : cls === 'ReLU'
                ? 'relu'
                : cls === 'Softmax'
                  ? 'softmax'
                  : cls === 'LeakyReLU'
                    ? 'leakyRelu'
                    : cls === 'ELU'
                      ? 'elu'
                      : 'binaryStep';
          if (
            cls === 'ReLU' &&
            ((c.max_value ?? null) !== null || (c.threshold ?? 0) !== 0 || (c.negative_slope ?? 0) !== 0)
          )
            throw new ImportError('ReLU with max_value, threshold or negative_slope is not supported');
          const alpha =
            cls === 'LeakyReLU'
              ? num(c, c.negative_slope !== undefined ? 'negative_slope' : 'alpha', 0.3)
              : cls === 'ELU'
                ? num(c, 'alpha', 1)
                : 0.01;
          last = add({ id, type: 'activation', params: { fn, alpha } }, inputs);
          break;
        }
        case 'BatchNormalization': {
          const axis = Array.isArray(c.axis) ? c.axis[0] : (c.axis ?? -1);
          if (axis !== -1 && axis !== 3 && axis !== 1)
            throw new ImportError(`batch norm over axis ${String(axis)} is not supported`);
          const center = c.center !== false;
          const scale = c.scale !== false;
          last = add(
            {
              id,
              type: 'batchNorm',
              params: { momentum: num(c, 'momentum', 0.99), epsilon: num(c, 'epsilon', 1e-3) },
            },
            inputs,
          );
          weights(
            id,
            layer,
            ['gamma', 'beta', 'moving_mean', 'moving_variance'],
            [scale, center, true, true],
          );
          const size = tensors.find((t) => t.name === `${id}/moving_mean`)?.shape[0] ?? 0;
          if (!scale) filler(id, 'gamma', size, 1);
          if (!center) filler(id, 'beta', size, 0);
          break;
        }
        case 'LRN':
          last = add(
            {
              id,
              type: 'lrn',
              params: {
                depthRadius: num(c, 'depthRadius'),
                bias: num(c, 'bias'),
                alpha: num(c, 'alpha'),
                beta: num(c, 'beta'),
              },
            },
            inputs,
          );
          break;
        case 'Dense': {
          const useBias = c.use_bias !== false;
          const activation = activationName(c.activation ?? 'linear');
          if (isOutput && activation === 'softmax') {
            if (!useBias) throw new ImportError('the output layer needs a bias');
            last = add({ id, type: 'output', params: { classes: num(c, 'units') } }, inputs);
            weights(id, layer, ['kernel', 'bias'], [true, true]);
            break;
          }
          last = add({ id, type: 'dense', params: { units: num(c, 'units'), useBias } }, inputs);
          weights(id, layer, ['kernel', 'bias'], [true, useBias]);
          last = withActivation(last, c.activation, layer.name);
          break;
        }
        case 'Flatten':
          last = add({ id, type: 'flatten', params: {} }, inputs);
          break;
        case 'Dropout':
          last = add({ id, type: 'dropout', params: { rate: num(c, 'rate') } }, inputs);
          break;
        case 'Add':
          last = add({ id, type: 'add', params: {} }, inputs);
          break;
        case 'Concatenate': {
          const axis = c.axis ?? -1;
          if (axis !== -1 && axis !== 3)
            throw new ImportError(`concatenation on axis ${String(axis)} is not supported (channels only)`);
          last = add({ id, type: 'concat', params: {} }, inputs);
          break;
        }
        case 'ZeroPadding2D': {
          const [top, bottom, left, right] = pads2d(c.padding);
          last = add(
            {
              id,
              type: 'zeroPad2d',
              params: { top, bottom, left, right, channelsBefore: 0, channelsAfter: 0 },
            },
            inputs,
          );
          break;
        }
        case 'ChannelPad': {
          const p = {
            top: num(c, 'top', 0),
            bottom: num(c, 'bottom', 0),
            left: num(c, 'left', 0),
            right: num(c, 'right', 0),
            channelsBefore: num(c, 'channelsBefore', 0),
            channelsAfter: num(c, 'channelsAfter', 0),
          };
          last = add({ id, type: 'zeroPad2d', params: p }, inputs);
          break;
        }
        case 'Lambda':
          throw new ImportError('it is a Lambda layer: Deepwire never runs code from a model file');
        default:
          throw new ImportError(`its class '${layer.className}' has no Deepwire node`);
      }
    } catch (error) {
      if (error instanceof ImportError && !error.message.startsWith('Layer '))
        throw new ImportError(`Layer '${layer.name}': ${error.message}`);
      throw error;
    }
    void x;
    outOf.set(layer.name, last);
  }

  function withActivation(source: string, activation: unknown, name: string): string {
    const fn = activationName(activation ?? 'linear');
    if (fn === 'identity') return source;
    const id = idFor(`${name}_${fn}`);
    return add({ id, type: 'activation', params: { fn, alpha: fn === 'elu' ? 1 : 0.01 } }, [source]);
  }

  const result = foldPadding(foldSoftmaxOutput(nodes, tensors, outOf.get(outputName), consumers), consumers);
  return { nodes: result, tensors };
}
