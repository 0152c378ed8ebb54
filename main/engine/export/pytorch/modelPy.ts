import {
  ExportError,
  isImage,
  kernelToOihw,
  transpose2d,
  windowPads,
  type ExportIr,
  type IrOp,
  type IrWeight,
} from '../ir';

/**
 * ExportIr → a readable PyTorch `model.py`: one nn.Module attribute per
 * graph node that has one (named after the node), a forward that mirrors
 * the graph line by line in NCHW, and loaders for the plain weights format
 * (weights.bin: little-endian float32, weights.json: state_dict key → offset
 * and shape), so PyTorch reads them with no extra package and no pickle.
 */

const RESERVED = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield ' +
    'training forward train eval to cuda cpu float double half type apply modules children parameters ' +
    'buffers state_dict load_state_dict zero_grad x F nn torch math logits'
  ).split(' '),
);

export type PyTensor = { key: string; weight: IrWeight };

export type PyModule = { source: string; tensors: PyTensor[] };

/** The Python attribute name of each op, as model.py declares it. */
export function pyIdentifiers(ops: readonly IrOp[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const op of ops) {
    let base = op.name.replace(/[^A-Za-z0-9_]/g, '_');
    if (/^[0-9]/.test(base)) base = `n${base}`;
    if (RESERVED.has(base) || base.startsWith('__')) base = `${base}_`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    out.set(op.name, name);
  }
  return out;
}

const num = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));
const tuple = (values: number[]): string => `(${values.join(', ')})`;

type Emitted = { init?: string; forward: string };

function need(op: IrOp, key: string): IrWeight {
  const w = op.weights[key];
  if (!w) throw new ExportError(`${op.name} has no ${key} weight`);
  return w;
}

function emit(op: IrOp, self: string, args: string[], tensors: PyTensor[]): Emitted {
  const n = op.node;
  const [x = 'x'] = args;
  const attr = `self.${self}`;
  const add = (suffix: string, w: IrWeight) => tensors.push({ key: `${self}.${suffix}`, weight: w });
  switch (n.type) {
    case 'input':
      return { forward: 'x if self.channels_first else x.permute(0, 3, 1, 2)' };
    case 'conv2d': {
      const p = n.params;
      const pads = windowPads(p.padding, op.inputShape, p.kernel, p.stride, p.dilation);
      add('weight', kernelToOihw(need(op, 'kernel')));
      if (p.useBias) add('bias', need(op, 'bias'));
      const cin = op.inputShape[2] ?? 1;
      const init =
        `nn.Conv2d(${cin}, ${p.filters}, kernel_size=${p.kernel}, stride=${p.stride}, ` +
        `dilation=${p.dilation}, bias=${p.useBias ? 'True' : 'False'})`;
      const anyPad = pads.top + pads.bottom + pads.left + pads.right > 0;
      const input = anyPad ? `F.pad(${x}, ${tuple([pads.left, pads.right, pads.top, pads.bottom])})` : x;
      return { init, forward: `${attr}(${input})` };
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const p = n.params;
      const fn = n.type === 'maxPool2d' ? 'F.max_pool2d' : 'F.avg_pool2d';
      if (p.padding === 'same') {
        const w = windowPads('same', op.inputShape, p.pool, p.stride);
        const helper = n.type === 'maxPool2d' ? 'max_pool_same' : 'avg_pool_same';
        return {
          forward: `${helper}(${x}, ${p.pool}, ${p.stride}, ${tuple([w.left, w.right, w.top, w.bottom])})`,
        };
      }
      const q = typeof p.padding === 'number' ? p.padding : 0;
      const input = q > 0 ? `F.pad(${x}, ${tuple([q, q, q, q])})` : x;
      return { forward: `${fn}(${input}, ${p.pool}, ${p.stride})` };
    }
    case 'globalAvgPool2d':
      return { forward: `${x}.mean(dim=(2, 3))` };
    case 'activation':
      return activation(op, attr, x);
    case 'batchNorm': {
      add('weight', need(op, 'gamma'));
      add('bias', need(op, 'beta'));
      add('running_mean', need(op, 'moving_mean'));
      add('running_var', need(op, 'moving_variance'));
      const image = isImage(op.inputShape);
      const features = op.inputShape[op.inputShape.length - 1] ?? 1;
      // PyTorch's momentum weighs the new batch; Keras/tfjs's weighs the running value.
      const momentum = Math.round((1 - n.params.momentum) * 1e6) / 1e6;
      const init = `nn.BatchNorm${image ? '2d' : '1d'}(${features}, eps=${n.params.epsilon}, momentum=${momentum})`;
      return { init, forward: `${attr}(${x})` };
    }
    case 'lrn': {
      const p = n.params;
      const size = 2 * p.depthRadius + 1;
      // PyTorch (like ONNX) divides alpha by size; Deepwire/tfjs does not.
      const init = `nn.LocalResponseNorm(${size}, alpha=${num(p.alpha * size)}, beta=${num(p.beta)}, k=${num(p.bias)})`;
      return { init, forward: `${attr}(${x})` };
    }
    case 'dense':
    case 'output': {
      const useBias = n.type === 'output' || n.params.useBias;
      const kernel = need(op, 'kernel');
      add('weight', transpose2d(kernel));
      if (useBias) add('bias', need(op, 'bias'));
      const [fin = 1, fout = 1] = kernel.shape;
      const init = `nn.Linear(${fin}, ${fout}, bias=${useBias ? 'True' : 'False'})`;
      if (n.type === 'dense') return { init, forward: `${attr}(${x})` };
      return { init, forward: `${attr}(${x})  # logits; softmax is applied in forward()` };
    }
    case 'flatten':
      // Deepwire flattens NHWC: go back to channels-last first so dense weights line up.
      return { forward: isImage(op.inputShape) ? `${x}.permute(0, 2, 3, 1).flatten(1)` : x };
    case 'dropout':
      return { init: `nn.Dropout(${n.params.rate})`, forward: `${attr}(${x})` };
    case 'add':
      return { forward: args.join(' + ') };
    case 'concat':
      return { forward: `torch.cat([${args.join(', ')}], dim=1)` };
    case 'zeroPad2d': {
      const p = n.params;
      const pads = [p.left, p.right, p.top, p.bottom, p.channelsBefore, p.channelsAfter];
      return { forward: `F.pad(${x}, ${tuple(pads)})` };
    }
  }
}

function activation(op: IrOp, attr: string, x: string): Emitted {
  if (op.node.type !== 'activation') throw new ExportError(`${op.name} is not an activation`);
  const { fn, alpha } = op.node.params;
  const module = (init: string): Emitted => ({ init, forward: `${attr}(${x})` });
  switch (fn) {
    case 'identity':
      return module('nn.Identity()');
    case 'binaryStep':
      return module('BinaryStep()');
    case 'sigmoid':
      return module('nn.Sigmoid()');
    case 'tanh':
      return module('nn.Tanh()');
    case 'relu':
      return module('nn.ReLU()');
    case 'leakyRelu':
      return module(`nn.LeakyReLU(${num(alpha)})`);
    case 'elu':
      return module(`nn.ELU(${num(alpha)})`);
    case 'selu':
      return module('nn.SELU()');
    case 'gelu':
      return module('nn.GELU()');
    case 'softmax':
      return module('nn.Softmax(dim=1)');
  }
}

const PRELUDE = `import array
import json
import math
import os

import torch
import torch.nn.functional as F
from torch import nn


class BinaryStep(nn.Module):
    """1 where x >= 0, else 0 (Deepwire trains it with a clipped straight-through gradient)."""

    def forward(self, x):
        return (x >= 0).to(x.dtype) + (x - x.detach()) * (x.abs() <= 1).to(x.dtype)


def max_pool_same(x, kernel, stride, pads):
    """TensorFlow's 'same' max pooling: padding never wins the max."""
    return F.max_pool2d(F.pad(x, pads, value=-math.inf), kernel, stride)


def avg_pool_same(x, kernel, stride, pads):
    """TensorFlow's 'same' average pooling: the mean over real pixels only."""
    ones = torch.ones_like(x[:, :1])
    return F.avg_pool2d(F.pad(x, pads), kernel, stride) / F.avg_pool2d(F.pad(ones, pads), kernel, stride)
`;

const LOADERS = `

def load_weights(model, folder):
    """Loads weights.bin + weights.json (little-endian float32) into the model."""
    with open(os.path.join(folder, "weights.json"), encoding="utf-8") as f:
        index = json.load(f)
    with open(os.path.join(folder, "weights.bin"), "rb") as f:
        data = f.read()
    state = {}
    for key, spec in index["tensors"].items():
        count = math.prod(spec["shape"])
        chunk = bytearray(data[spec["offset"] : spec["offset"] + 4 * count])
        if len(chunk) != 4 * count:
            raise ValueError(f"weights.bin is too short for {key}")
        state[key] = torch.frombuffer(chunk, dtype=torch.float32).reshape(spec["shape"]).clone()
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise ValueError(f"weights do not match the model: missing {missing}, unexpected {unexpected}")
    return model


def _float_bytes(tensor):
    flat = tensor.detach().to("cpu", torch.float32).contiguous().reshape(-1)
    try:
        return flat.numpy().astype("<f4").tobytes()
    except (ImportError, RuntimeError):
        return array.array("f", flat.tolist()).tobytes()


def save_weights(model, folder):
    """Writes the model's float tensors in the same plain format load_weights reads."""
    os.makedirs(folder, exist_ok=True)
    tensors, offset, chunks = {}, 0, []
    for key, value in model.state_dict().items():
        if not value.is_floating_point():
            continue
        data = _float_bytes(value)
        tensors[key] = {"offset": offset, "shape": list(value.shape)}
        chunks.append(data)
        offset += len(data)
    with open(os.path.join(folder, "weights.bin"), "wb") as f:
        f.write(b"".join(chunks))
    with open(os.path.join(folder, "weights.json"), "w", encoding="utf-8") as f:
        json.dump({"format": "deepwire-float32-le", "tensors": tensors}, f, indent=1)
`;

export function modelPy(ir: ExportIr): PyModule {
  const ids = pyIdentifiers(ir.ops);
  const tensors: PyTensor[] = [];
  const init: string[] = [];
  const forward: string[] = [];
  const id = (name: string) => ids.get(name) ?? name;
  for (const op of ir.ops) {
    const self = id(op.name);
    const args = op.node.type === 'input' ? ['x'] : op.inputs.map(id);
    const emitted = emit(op, self, args, tensors);
    if (emitted.init) init.push(`        self.${self} = ${emitted.init}`);
    forward.push(`        ${self} = ${emitted.forward}`);
  }
  const out = id(ir.output);
  const [h, w, c] = ir.input.shape;
  const className = 'DeepwireModel';
  const source = `"""${ir.name.replace(/"/g, "'")}: exported from Deepwire.

${className}(channels_first=False) takes NHWC float32 [batch, ${h}, ${w}, ${c}] like Deepwire;
channels_first=True takes NCHW [batch, ${c}, ${h}, ${w}]. Inside, every image tensor is NCHW.
forward() returns class probabilities [batch, ${ir.classes}]; forward(x, logits=True) the logits.
"""
${PRELUDE}

class ${className}(nn.Module):
    input_shape_nhwc = (${h}, ${w}, ${c})
    classes = ${ir.classes}

    def __init__(self, channels_first=False):
        super().__init__()
        self.channels_first = channels_first
${init.length > 0 ? init.join('\n') : '        pass'}

    def forward(self, x, logits=False):
${forward.join('\n')}
        return ${out} if logits else torch.softmax(${out}, dim=1)
${LOADERS}`;
  return { source, tensors };
}
