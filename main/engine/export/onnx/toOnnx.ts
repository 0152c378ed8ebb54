import {
  ExportError,
  isImage,
  kernelToOihw,
  windowPads,
  type ExportIr,
  type IrOp,
  type IrWeight,
} from '../ir';
import {
  ATTRIBUTE_TYPE,
  DATA_TYPE,
  type OnnxAttribute,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
} from './onnx-proto';

/**
 * ExportIr → ONNX (opset 13). The graph input `input` is NHWC, as in
 * Deepwire; a Transpose turns it to NCHW, which every image tensor inside
 * uses. Flatten transposes back to NHWC first so dense weights keep tfjs's
 * order. ONNX node names are the layer name, or `<layer>/<role>` for the
 * extra nodes one layer needs (the importer groups them back by that).
 */
export const ONNX_OPSET = 13;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'probabilities';

/** tfjs's SELU constants (ONNX's defaults differ in the 8th digit). */
const SELU_ALPHA = 1.6732632423543772;
const SELU_GAMMA = 1.0507009873554805;

const attr = {
  int: (name: string, i: number): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.INT, i }),
  float: (name: string, f: number): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.FLOAT, f }),
  ints: (name: string, ints: number[]): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.INTS, ints }),
};

function floatTensor(name: string, w: IrWeight): OnnxTensor {
  const bytes = new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength);
  return { name, dims: w.shape, dataType: DATA_TYPE.FLOAT, rawData: new Uint8Array(bytes) };
}

function int64Tensor(name: string, values: number[]): OnnxTensor {
  return { name, dims: [values.length], dataType: DATA_TYPE.INT64, int64Data: values };
}

class OnnxGraphWriter {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly constants = new Map<number, string>();

  node(
    opType: string,
    name: string,
    input: string[],
    output: string,
    attribute: OnnxAttribute[] = [],
    docString?: string,
  ): string {
    this.nodes.push({
      opType,
      name,
      input,
      output: [output],
      attribute,
      ...(docString ? { docString } : {}),
    });
    return output;
  }

  weight(name: string, w: IrWeight): string {
    this.initializers.push(floatTensor(name, w));
    return name;
  }

  ints(name: string, values: number[]): string {
    this.initializers.push(int64Tensor(name, values));
    return name;
  }

  /** A shared float scalar initializer. */
  scalar(value: number): string {
    const existing = this.constants.get(value);
    if (existing) return existing;
    const name = `const/${this.constants.size}`;
    this.constants.set(value, name);
    return this.weight(name, { shape: [], values: new Float32Array([value]) });
  }
}

function need(op: IrOp, key: string): IrWeight {
  const w = op.weights[key];
  if (!w) throw new ExportError(`${op.name} has no ${key} weight`);
  return w;
}

/** Emits the ONNX nodes of one op; returns its output tensor name. */
function emitOp(g: OnnxGraphWriter, op: IrOp, out: string): string {
  const n = op.node;
  const [x = '', ...rest] = op.inputs.map(tensorName);
  const name = op.name;
  switch (n.type) {
    case 'input':
      return g.node('Transpose', name, [ONNX_INPUT], out, [attr.ints('perm', [0, 3, 1, 2])]);
    case 'conv2d': {
      const p = n.params;
      const pads = windowPads(p.padding, op.inputShape, p.kernel, p.stride, p.dilation);
      const inputs = [x, g.weight(`${name}/kernel`, kernelToOihw(need(op, 'kernel')))];
      if (p.useBias) inputs.push(g.weight(`${name}/bias`, need(op, 'bias')));
      return g.node('Conv', name, inputs, out, [
        attr.ints('kernel_shape', [p.kernel, p.kernel]),
        attr.ints('strides', [p.stride, p.stride]),
        attr.ints('dilations', [p.dilation, p.dilation]),
        attr.ints('pads', [pads.top, pads.left, pads.bottom, pads.right]),
      ]);
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const p = n.params;
      let source = x;
      let pads = [0, 0, 0, 0];
      if (typeof p.padding === 'number' && p.padding > 0) {
        // tfjs zero-pads first (zeros count in max and mean), so do exactly that.
        const q = p.padding;
        const padsName = g.ints(`${name}/pads`, [0, 0, q, q, 0, 0, q, q]);
        source = g.node('Pad', `${name}/pad`, [x, padsName], `${name}/padded`);
      } else if (p.padding === 'same') {
        const w = windowPads('same', op.inputShape, p.pool, p.stride);
        pads = [w.top, w.left, w.bottom, w.right];
      }
      const common = [
        attr.ints('kernel_shape', [p.pool, p.pool]),
        attr.ints('strides', [p.stride, p.stride]),
        attr.ints('pads', pads),
      ];
      if (n.type === 'maxPool2d') return g.node('MaxPool', name, [source], out, common);
      // tfjs 'same' averages only the real pixels: count_include_pad = 0.
      return g.node('AveragePool', name, [source], out, [...common, attr.int('count_include_pad', 0)]);
    }
    case 'globalAvgPool2d': {
      const pooled = g.node('GlobalAveragePool', `${name}/pool`, [x], `${name}/pooled`);
      return g.node('Flatten', name, [pooled], out, [attr.int('axis', 1)]);
    }
    case 'activation':
      return emitActivation(g, op, x, out);
    case 'batchNorm':
      return g.node(
        'BatchNormalization',
        name,
        [
          x,
          g.weight(`${name}/gamma`, need(op, 'gamma')),
          g.weight(`${name}/beta`, need(op, 'beta')),
          g.weight(`${name}/moving_mean`, need(op, 'moving_mean')),
          g.weight(`${name}/moving_variance`, need(op, 'moving_variance')),
        ],
        out,
        [attr.float('epsilon', n.params.epsilon), attr.float('momentum', n.params.momentum)],
      );
    case 'lrn': {
      const p = n.params;
      const size = 2 * p.depthRadius + 1;
      // ONNX divides alpha by size; tfjs does not: scale it so the two agree.
      return g.node('LRN', name, [x], out, [
        attr.int('size', size),
        attr.float('alpha', p.alpha * size),
        attr.float('beta', p.beta),
        attr.float('bias', p.bias),
      ]);
    }
    case 'dense':
    case 'output': {
      const useBias = n.type === 'output' || n.params.useBias;
      const kernel = g.weight(`${name}/kernel`, need(op, 'kernel'));
      const inputs = useBias ? [x, kernel, g.weight(`${name}/bias`, need(op, 'bias'))] : [x, kernel];
      if (n.type === 'dense') return g.node('Gemm', name, inputs, out);
      const logits = g.node('Gemm', `${name}/logits`, inputs, `${name}/logits`);
      return g.node('Softmax', name, [logits], out, [attr.int('axis', 1)]);
    }
    case 'flatten': {
      if (!isImage(op.inputShape))
        return g.node('Identity', name, [x], out, [], JSON.stringify({ deepwire: 'flatten' }));
      const nhwc = g.node('Transpose', `${name}/nhwc`, [x], `${name}/nhwc`, [
        attr.ints('perm', [0, 2, 3, 1]),
      ]);
      return g.node('Flatten', name, [nhwc], out, [attr.int('axis', 1)]);
    }
    case 'dropout':
      // Identity at inference; the doc string keeps the rate so an import gets the Dropout node back.
      return g.node(
        'Identity',
        name,
        [x],
        out,
        [],
        JSON.stringify({ deepwire: 'dropout', rate: n.params.rate }),
      );
    case 'add':
      return g.node('Sum', name, [x, ...rest], out);
    case 'concat':
      return g.node('Concat', name, [x, ...rest], out, [attr.int('axis', 1)]);
    case 'zeroPad2d': {
      const p = n.params;
      const pads = g.ints(`${name}/pads`, [
        0,
        p.channelsBefore,
        p.top,
        p.left,
        0,
        p.channelsAfter,
        p.bottom,
        p.right,
      ]);
      return g.node('Pad', name, [x, pads], out);
    }
  }
}

function emitActivation(g: OnnxGraphWriter, op: IrOp, x: string, out: string): string {
  if (op.node.type !== 'activation') throw new ExportError(`${op.name} is not an activation`);
  const { fn, alpha } = op.node.params;
  const name = op.name;
  switch (fn) {
    case 'identity':
      return g.node(
        'Identity',
        name,
        [x],
        out,
        [],
        JSON.stringify({ deepwire: 'activation', fn: 'identity' }),
      );
    case 'relu':
      return g.node('Relu', name, [x], out);
    case 'sigmoid':
      return g.node('Sigmoid', name, [x], out);
    case 'tanh':
      return g.node('Tanh', name, [x], out);
    case 'leakyRelu':
      return g.node('LeakyRelu', name, [x], out, [attr.float('alpha', alpha)]);
    case 'elu':
      return g.node('Elu', name, [x], out, [attr.float('alpha', alpha)]);
    case 'selu':
      return g.node('Selu', name, [x], out, [
        attr.float('alpha', SELU_ALPHA),
        attr.float('gamma', SELU_GAMMA),
      ]);
    case 'softmax':
      // Over channels: the last axis in NHWC is axis 1 in NCHW, and axis 1 of a vector.
      return g.node('Softmax', name, [x], out, [attr.int('axis', 1)]);
    case 'binaryStep': {
      const ge = g.node('GreaterOrEqual', `${name}/ge`, [x, g.scalar(0)], `${name}/ge`);
      return g.node('Cast', name, [ge], out, [attr.int('to', DATA_TYPE.FLOAT)]);
    }
    case 'gelu': {
      // GELU(x) = 0.5·x·(1 + erf(x/√2)), the exact form tfjs uses (Gelu is only an op from opset 20).
      const scaled = g.node('Div', `${name}/div`, [x, g.scalar(Math.SQRT2)], `${name}/div`);
      const erf = g.node('Erf', `${name}/erf`, [scaled], `${name}/erf`);
      const onePlus = g.node('Add', `${name}/add`, [erf, g.scalar(1)], `${name}/add`);
      const times = g.node('Mul', `${name}/mul`, [x, onePlus], `${name}/mul`);
      return g.node('Mul', name, [times, g.scalar(0.5)], out);
    }
  }
}

function valueInfo(name: string, dims: (number | string)[]): OnnxModel['graph']['input'][number] {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** Tensor names differ from node names so a layer called `input` cannot clash with the graph input. */
function tensorName(layer: string): string {
  return `${layer}:0`;
}

/** The ONNX tensor holding a layer's output (NCHW where the layer's output is an image). */
export function onnxTensorOf(ir: ExportIr, layer: string): string {
  return layer === ir.output ? ONNX_OUTPUT : tensorName(layer);
}

export function irToOnnx(ir: ExportIr, producerVersion: string): OnnxModel {
  const g = new OnnxGraphWriter();
  for (const op of ir.ops) emitOp(g, op, op.name === ir.output ? ONNX_OUTPUT : tensorName(op.name));
  const [h, w, c] = ir.input.shape;
  return {
    irVersion: 7,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'Deepwire',
    producerVersion,
    docString: `${ir.name}: input '${ONNX_INPUT}' is NHWC float32 [batch, ${h}, ${w}, ${c}]; output '${ONNX_OUTPUT}' is [batch, ${ir.classes}].`,
    graph: {
      name: ir.name.replace(/[^\w.-]/g, '_') || 'deepwire',
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(ONNX_INPUT, ['batch', h, w, c])],
      output: [valueInfo(ONNX_OUTPUT, ['batch', ir.classes])],
    },
    metadataProps: [{ key: 'deepwire.layout', value: 'input NHWC' }],
  };
}
