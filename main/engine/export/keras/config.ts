import { ExportError, type ExportIr, type IrOp, type IrWeight } from '../ir';

/**
 * ExportIr → Keras 3's functional-model config (config.json in a .keras
 * file) plus the weights in the order each layer's `save_own_variables`
 * writes them. Layer names are Deepwire's layer names; a node with explicit
 * padding gets a `<name>__pad` ZeroPadding2D before it, as in TF.js.
 * Custom layers are `registered_name: "Deepwire>…"` objects that the
 * exported deepwire_layers.py defines.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type KerasLayer = { [key: string]: Json };
export type KerasWeights = { layer: string; className: string; vars: IrWeight[] };

export const CUSTOM_MODULE = 'deepwire_layers';
type Tensor = { name: string; shape: (number | null)[] };

function kerasTensor(t: Tensor): Json {
  return {
    class_name: '__keras_tensor__',
    config: { shape: t.shape, dtype: 'float32', keras_history: [t.name, 0, 0] },
  };
}

function layer(
  className: string,
  name: string,
  config: { [key: string]: Json },
  inputs: Tensor[],
  custom = false,
): KerasLayer {
  const args: Json[] =
    inputs.length === 1 && inputs[0] ? [kerasTensor(inputs[0])] : [inputs.map(kerasTensor)];
  return {
    module: custom ? CUSTOM_MODULE : 'keras.layers',
    class_name: className,
    config: { name, trainable: true, dtype: 'float32', ...config },
    registered_name: custom ? `Deepwire>${className}` : null,
    ...(inputs[0]
      ? { build_config: { input_shape: inputs.length === 1 ? inputs[0].shape : inputs.map((t) => t.shape) } }
      : {}),
    name,
    inbound_nodes: inputs.length === 0 ? [] : [{ args, kwargs: {} }],
  };
}

const ZEROS = { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null };
const ONES = { module: 'keras.initializers', class_name: 'Ones', config: {}, registered_name: null };
const GLOROT = {
  module: 'keras.initializers',
  class_name: 'GlorotUniform',
  config: { seed: null },
  registered_name: null,
};

function weightsOf(op: IrOp, keys: string[]): IrWeight[] {
  return keys.map((k) => {
    const w = op.weights[k];
    if (!w) throw new ExportError(`${op.name} has no ${k} weight`);
    return w;
  });
}

function activationLayer(op: IrOp, input: Tensor): KerasLayer {
  if (op.node.type !== 'activation') throw new ExportError(`${op.name} is not an activation`);
  const { fn, alpha } = op.node.params;
  switch (fn) {
    case 'binaryStep':
      return layer('BinaryStep', op.name, {}, [input], true);
    case 'leakyRelu':
      return layer('LeakyReLU', op.name, { negative_slope: alpha }, [input]);
    case 'elu':
      return layer('ELU', op.name, { alpha }, [input]);
    case 'identity':
      return layer('Activation', op.name, { activation: 'linear' }, [input]);
    default:
      return layer('Activation', op.name, { activation: fn }, [input]);
  }
}

export function irToKeras(ir: ExportIr): { config: Json; weights: KerasWeights[] } {
  const layers: KerasLayer[] = [];
  const weights: KerasWeights[] = [];
  const tensors = new Map<string, Tensor>();
  const shapeOf = (op: IrOp): (number | null)[] => [null, ...op.shape];
  const push = (l: KerasLayer, vars: IrWeight[] = []) => {
    layers.push(l);
    if (vars.length > 0) weights.push({ layer: String(l.name), className: String(l.class_name), vars });
  };
  /** Explicit padding P: a ZeroPadding2D helper, then the layer runs 'valid'. */
  const padded = (
    op: IrOp,
    input: Tensor,
    padding: 'same' | 'valid' | number,
  ): { input: Tensor; mode: string } => {
    if (typeof padding !== 'number') return { input, mode: padding };
    if (padding === 0) return { input, mode: 'valid' };
    const name = `${op.name}__pad`;
    const [h = 0, w = 0, c = 0] = op.inputShape;
    push(
      layer(
        'ZeroPadding2D',
        name,
        {
          padding: [
            [padding, padding],
            [padding, padding],
          ],
          data_format: 'channels_last',
        },
        [input],
      ),
    );
    const out = { name, shape: [null, h + 2 * padding, w + 2 * padding, c] };
    return { input: out, mode: 'valid' };
  };

  for (const op of ir.ops) {
    const inputs = op.inputs.map((name) => {
      const t = tensors.get(name);
      if (!t) throw new ExportError(`${op.name} reads ${name} before it exists`);
      return t;
    });
    const [x = { name: '', shape: [] }] = inputs;
    const n = op.node;
    switch (n.type) {
      case 'input':
        push({
          module: 'keras.layers',
          class_name: 'InputLayer',
          config: { batch_shape: shapeOf(op), dtype: 'float32', sparse: false, name: op.name },
          registered_name: null,
          name: op.name,
          inbound_nodes: [],
        });
        break;
      case 'conv2d': {
        const p = n.params;
        const { input, mode } = padded(op, x, p.padding);
        const config = {
          filters: p.filters,
          kernel_size: [p.kernel, p.kernel],
          strides: [p.stride, p.stride],
          padding: mode,
          data_format: 'channels_last',
          dilation_rate: [p.dilation, p.dilation],
          groups: 1,
          activation: 'linear',
          use_bias: p.useBias,
          kernel_initializer: GLOROT,
          bias_initializer: ZEROS,
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        };
        push(
          layer('Conv2D', op.name, config, [input]),
          weightsOf(op, p.useBias ? ['kernel', 'bias'] : ['kernel']),
        );
        break;
      }
      case 'maxPool2d':
      case 'avgPool2d': {
        const p = n.params;
        const { input, mode } = padded(op, x, p.padding);
        const config = {
          pool_size: [p.pool, p.pool],
          strides: [p.stride, p.stride],
          padding: mode,
          data_format: 'channels_last',
        };
        push(layer(n.type === 'maxPool2d' ? 'MaxPooling2D' : 'AveragePooling2D', op.name, config, [input]));
        break;
      }
      case 'globalAvgPool2d':
        push(
          layer('GlobalAveragePooling2D', op.name, { data_format: 'channels_last', keepdims: false }, [x]),
        );
        break;
      case 'activation':
        push(activationLayer(op, x));
        break;
      case 'batchNorm': {
        const config = {
          axis: -1,
          momentum: n.params.momentum,
          epsilon: n.params.epsilon,
          center: true,
          scale: true,
          beta_initializer: ZEROS,
          gamma_initializer: ONES,
          moving_mean_initializer: ZEROS,
          moving_variance_initializer: ONES,
          beta_regularizer: null,
          gamma_regularizer: null,
          beta_constraint: null,
          gamma_constraint: null,
          synchronized: false,
        };
        push(
          layer('BatchNormalization', op.name, config, [x]),
          weightsOf(op, ['gamma', 'beta', 'moving_mean', 'moving_variance']),
        );
        break;
      }
      case 'lrn':
        push(layer('LRN', op.name, { ...n.params }, [x], true));
        break;
      case 'dense':
      case 'output': {
        const useBias = n.type === 'output' || n.params.useBias;
        const units = n.type === 'output' ? n.params.classes : n.params.units;
        const config = {
          units,
          activation: n.type === 'output' ? 'softmax' : 'linear',
          use_bias: useBias,
          kernel_initializer: GLOROT,
          bias_initializer: ZEROS,
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        };
        push(layer('Dense', op.name, config, [x]), weightsOf(op, useBias ? ['kernel', 'bias'] : ['kernel']));
        break;
      }
      case 'flatten':
        push(layer('Flatten', op.name, { data_format: 'channels_last' }, [x]));
        break;
      case 'dropout':
        push(layer('Dropout', op.name, { rate: n.params.rate, seed: null, noise_shape: null }, [x]));
        break;
      case 'add':
        push(layer('Add', op.name, {}, inputs));
        break;
      case 'concat':
        push(layer('Concatenate', op.name, { axis: -1 }, inputs));
        break;
      case 'zeroPad2d': {
        const p = n.params;
        if (p.channelsBefore === 0 && p.channelsAfter === 0) {
          const padding = [
            [p.top, p.bottom],
            [p.left, p.right],
          ];
          push(layer('ZeroPadding2D', op.name, { padding, data_format: 'channels_last' }, [x]));
        } else push(layer('ChannelPad', op.name, { ...p }, [x], true));
        break;
      }
    }
    tensors.set(op.name, { name: op.name, shape: shapeOf(op) });
  }
  const config: Json = {
    module: 'keras',
    class_name: 'Functional',
    config: {
      name: ir.name.replace(/[^\w.-]/g, '_') || 'deepwire',
      trainable: true,
      layers,
      input_layers: [[ir.input.name, 0, 0]],
      output_layers: [[ir.output, 0, 0]],
    },
    registered_name: 'Functional',
    build_config: { input_shape: null },
    compile_config: null,
  };
  return { config, weights };
}

/** Keras's naming.to_snake_case, which saving_lib uses for the `layers/<name>` weight groups. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The HDF5 group of each weighted layer, as saving_lib numbers them: the
 * snake-cased class name, `_1`, `_2`… for repeats, counted over all layers in
 * model order (layers without weights still take their number).
 */
export function weightGroups(layers: readonly { class_name: string; name: string }[]): Map<string, string> {
  const used = new Map<string, number>();
  const out = new Map<string, string>();
  for (const l of layers) {
    const base = toSnakeCase(l.class_name);
    const count = used.get(base);
    const path = count === undefined ? base : `${base}_${count + 1}`;
    used.set(base, count === undefined ? 0 : count + 1);
    out.set(l.name, `layers/${path}`);
  }
  return out;
}
