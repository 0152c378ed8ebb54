import type { ActivationFunction } from '../../../core/graph/schema';
import { samePads } from '../export/ir';
import type { OnnxAttribute, OnnxNode } from '../export/onnx/onnx-proto';
import { sanitiseLayerName } from '../compile/names';
import { ImportError, IMPORT_LIMITS } from './errors';
import { foldPadding, foldSoftmaxOutput } from './folds';
import { readCapped } from './keras';
import { decodeOnnx, oihwToKernel, readInitializers, transposed, type Initializer } from './onnxTensors';
import { toDocument } from './document';
import { geluChain, windowOut } from './onnxPatterns';
import type { ImportedNode, ImportedTensor, ImportResult, UnplacedNode } from './spec';

/**
 * ONNX → Deepwire graph, for models built from operators Deepwire has nodes
 * for (what Deepwire's own ONNX export writes, and the same ops from other
 * tools). Image tensors are tracked as NCHW with their [H, W, C] size so
 * explicit pads can be recognised as 'same'. Unknown operators are refused
 * with the node's name.
 */
type Tensor = { id: string; kind: 'image' | 'vector' | 'nhwc' | 'pooled'; shape: number[] };

const attrOf = (n: OnnxNode, name: string): OnnxAttribute | undefined =>
  n.attribute.find((a) => a.name === name);
const intAttr = (n: OnnxNode, name: string, fallback: number) => Number(attrOf(n, name)?.i ?? fallback);
/** ONNX float attributes are float32: keep the 7 significant digits they carry (0.001, not 0.0010000000474974513). */
const float32 = (v: number) => Number(v.toPrecision(7));
const floatAttr = (n: OnnxNode, name: string, fallback: number) => float32(attrOf(n, name)?.f ?? fallback);
const intsAttr = (n: OnnxNode, name: string): number[] | undefined => attrOf(n, name)?.ints?.map(Number);

function docOf(n: OnnxNode): Record<string, unknown> | null {
  if (!n.docString) return null;
  try {
    const parsed: unknown = JSON.parse(n.docString);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function importOnnx(path: string): Promise<ImportResult> {
  const model = decodeOnnx(await readCapped(path, IMPORT_LIMITS.maxModelBytes, 'The ONNX file'));
  const graph = model.graph;
  if (graph.node.length > IMPORT_LIMITS.maxLayers * 8)
    throw new ImportError('The ONNX graph has too many nodes');
  const init = readInitializers(model);
  const nodes: ImportedNode[] = [];
  const tensors: ImportedTensor[] = [];
  const byTensor = new Map<string, Tensor>();
  const used = new Set<string>();
  const consumed = new Set<OnnxNode>();

  const claim = (onnxName: string, index: number): string => {
    const [base = `node${index}`, role] = onnxName.split('/');
    const helper = role !== undefined && role === 'pad';
    const stem = sanitiseLayerName(helper ? `${base}__pad` : base);
    let id = stem;
    for (let i = 2; used.has(id); i++) id = `${stem}_${i}`;
    used.add(id);
    return id;
  };
  const add = (node: UnplacedNode, inputs: string[]) => nodes.push({ node, inputs });
  const weight = (name: string | undefined, what: string): Initializer & { values: Float32Array } => {
    const w = name === undefined ? undefined : init.get(name);
    if (!w || !(w.values instanceof Float32Array))
      throw new ImportError(`${what} is not a float initializer`);
    return w as Initializer & { values: Float32Array };
  };
  const input = (name: string | undefined, what: string): Tensor => {
    const t = name === undefined ? undefined : byTensor.get(name);
    if (!t) throw new ImportError(`${what} reads '${String(name)}', which is not produced before it`);
    return t;
  };

  const graphInputs = graph.input.filter((v) => !init.has(v.name));
  if (graphInputs.length !== 1)
    throw new ImportError(`The ONNX graph has ${graphInputs.length} inputs; Deepwire graphs have one`);
  const gi = graphInputs[0];
  const dims = gi?.type?.tensorType?.shape?.dim?.map((d) => Number(d.dimValue ?? 0)) ?? [];
  if (!gi || dims.length !== 4) throw new ImportError('The ONNX input must be a 4-D image batch');
  const firstReader = graph.node.find((n) => n.input[0] === gi.name);
  const nhwcInput =
    firstReader?.opType === 'Transpose' && JSON.stringify(intsAttr(firstReader, 'perm')) === '[0,3,1,2]';
  const [, d1 = 0, d2 = 0, d3 = 0] = dims;
  const [height, width, channels] = nhwcInput ? [d1, d2, d3] : [d2, d3, d1];
  const inputId = claim(nhwcInput && firstReader ? firstReader.name || 'input' : gi.name, 0);
  add({ id: inputId, type: 'input', params: { height, width, channels } }, []);
  const inputTensor: Tensor = { id: inputId, kind: 'image', shape: [height, width, channels] };
  if (nhwcInput && firstReader) {
    byTensor.set(firstReader.output[0] ?? '', inputTensor);
    consumed.add(firstReader);
  } else byTensor.set(gi.name, inputTensor);

  const outputName = graph.output[0]?.name;
  graph.node.forEach((n, index) => {
    if (consumed.has(n)) return;
    const what = `ONNX node '${n.name || index}' (${n.opType})`;
    const out = n.output[0] ?? '';
    const x = () => input(n.input[0], what);
    const activation = (fn: ActivationFunction, alpha = 0.01) => {
      const src = x();
      const id = claim(n.name, index);
      add({ id, type: 'activation', params: { fn, alpha } }, [src.id]);
      byTensor.set(out, { ...src, id });
    };
    switch (n.opType) {
      case 'Conv': {
        const src = x();
        if (intAttr(n, 'group', 1) !== 1)
          throw new ImportError(`${what}: grouped convolution is not supported`);
        const w = weight(n.input[1], `${what} weights`);
        const [filters = 1, , kernel = 1, kw = 1] = w.shape;
        if (kernel !== kw) throw new ImportError(`${what}: non-square kernels are not supported`);
        const stride = square(intsAttr(n, 'strides') ?? [1, 1], what);
        const dilation = square(intsAttr(n, 'dilations') ?? [1, 1], what);
        const id = claim(n.name, index);
        const { padding, source } = padsToPadding(n, src, kernel, stride, dilation, id, what);
        const useBias = n.input[2] !== undefined && n.input[2] !== '';
        add({ id, type: 'conv2d', params: { filters, kernel, stride, padding, dilation, useBias } }, [
          source.id,
        ]);
        const k = oihwToKernel(w.shape, w.values);
        tensors.push({ name: `${id}/kernel`, ...k });
        if (useBias) tensors.push({ name: `${id}/bias`, ...weight(n.input[2], `${what} bias`) });
        byTensor.set(out, {
          id,
          kind: 'image',
          shape: windowOut(source.shape, kernel, stride, dilation, padding, filters),
        });
        return;
      }
      case 'MaxPool':
      case 'AveragePool': {
        const src = x();
        const kernel = square(intsAttr(n, 'kernel_shape') ?? [], what);
        const stride = square(intsAttr(n, 'strides') ?? [1, 1], what);
        const id = claim(n.name, index);
        const { padding, source } = padsToPadding(n, src, kernel, stride, 1, id, what);
        if (padding !== 'valid' && padding !== 'same')
          throw new ImportError(
            `${what}: padded pooling that is not TensorFlow-style 'same' is not supported`,
          );
        if (n.opType === 'AveragePool' && padding === 'same' && intAttr(n, 'count_include_pad', 0) !== 0)
          throw new ImportError(`${what}: averaging over padding (count_include_pad=1) is not supported`);
        add(
          {
            id,
            type: n.opType === 'MaxPool' ? 'maxPool2d' : 'avgPool2d',
            params: { pool: kernel, stride, padding },
          },
          [source.id],
        );
        byTensor.set(out, {
          id,
          kind: 'image',
          shape: windowOut(source.shape, kernel, stride, 1, padding, source.shape[2] ?? 0),
        });
        return;
      }
      case 'GlobalAveragePool': {
        const src = x();
        const id = claim(n.name, index);
        add({ id, type: 'globalAvgPool2d', params: {} }, [src.id]);
        byTensor.set(out, { id, kind: 'pooled', shape: [src.shape[2] ?? 0] });
        return;
      }
      case 'Relu':
        return activation('relu');
      case 'Sigmoid':
        return activation('sigmoid');
      case 'Tanh':
        return activation('tanh');
      case 'Selu':
        return activation('selu');
      case 'Gelu':
        return activation('gelu');
      case 'LeakyRelu':
        return activation('leakyRelu', floatAttr(n, 'alpha', 0.01));
      case 'Elu':
        return activation('elu', floatAttr(n, 'alpha', 1));
      case 'Softmax': {
        const axis = intAttr(n, 'axis', -1);
        const src = x();
        if (!(axis === 1 || (axis === -1 && src.kind !== 'image')))
          throw new ImportError(`${what}: softmax over axis ${axis} is not over channels`);
        return activation('softmax');
      }
      case 'Identity':
      case 'Dropout': {
        const doc = docOf(n);
        const src = x();
        if (n.opType === 'Dropout' || doc?.deepwire === 'dropout') {
          const rate = typeof doc?.rate === 'number' ? doc.rate : 0.5;
          const id = claim(n.name, index);
          add({ id, type: 'dropout', params: { rate } }, [src.id]);
          byTensor.set(out, { ...src, id });
        } else if (doc?.deepwire === 'activation') activation('identity');
        else if (doc?.deepwire === 'flatten') {
          const id = claim(n.name, index);
          add({ id, type: 'flatten', params: {} }, [src.id]);
          byTensor.set(out, { ...src, id });
        } else byTensor.set(out, src);
        return;
      }
      case 'BatchNormalization': {
        const src = x();
        const id = claim(n.name, index);
        add(
          {
            id,
            type: 'batchNorm',
            params: { momentum: floatAttr(n, 'momentum', 0.9), epsilon: floatAttr(n, 'epsilon', 1e-5) },
          },
          [src.id],
        );
        ['gamma', 'beta', 'moving_mean', 'moving_variance'].forEach((role, i) =>
          tensors.push({ name: `${id}/${role}`, ...weight(n.input[i + 1], `${what} ${role}`) }),
        );
        byTensor.set(out, { ...src, id });
        return;
      }
      case 'LRN': {
        const size = intAttr(n, 'size', 0);
        if (size % 2 !== 1)
          throw new ImportError(`${what}: LRN size ${size} is even; Deepwire's window is 2r+1`);
        const src = x();
        const id = claim(n.name, index);
        const alpha = float32(floatAttr(n, 'alpha', 1e-4) / size);
        add(
          {
            id,
            type: 'lrn',
            params: {
              depthRadius: (size - 1) / 2,
              bias: floatAttr(n, 'bias', 1),
              alpha,
              beta: floatAttr(n, 'beta', 0.75),
            },
          },
          [src.id],
        );
        byTensor.set(out, { ...src, id });
        return;
      }
      case 'Gemm':
      case 'MatMul': {
        const src = x();
        if (src.kind === 'image') throw new ImportError(`${what}: needs a flattened vector input`);
        if (
          n.opType === 'Gemm' &&
          (intAttr(n, 'transA', 0) !== 0 || floatAttr(n, 'alpha', 1) !== 1 || floatAttr(n, 'beta', 1) !== 1)
        )
          throw new ImportError(`${what}: only Gemm with transA=0, alpha=beta=1 is supported`);
        const w = weight(n.input[1], `${what} weights`);
        const kernel =
          n.opType === 'Gemm' && intAttr(n, 'transB', 0) === 1
            ? transposed(w.shape, w.values)
            : { shape: w.shape, values: w.values };
        const units = kernel.shape[1] ?? 1;
        const id = claim(n.name, index);
        let useBias = n.input[2] !== undefined && n.input[2] !== '';
        const bias = useBias ? weight(n.input[2], `${what} bias`) : undefined;
        // MatMul + Add(bias) is a dense layer with bias.
        const addNode = !useBias
          ? graph.node.find(
              (m) => m.opType === 'Add' && m.input.includes(out) && m.input.some((i) => init.has(i)),
            )
          : undefined;
        let outName = out;
        const extra = addNode
          ? weight(
              addNode.input.find((i) => init.has(i)),
              `${what} bias`,
            )
          : undefined;
        if (addNode && extra) {
          useBias = true;
          consumed.add(addNode);
          outName = addNode.output[0] ?? out;
        }
        add({ id, type: 'dense', params: { units, useBias } }, [src.id]);
        tensors.push({ name: `${id}/kernel`, ...kernel });
        const b = bias ?? extra;
        if (b) tensors.push({ name: `${id}/bias`, shape: [units], values: b.values });
        byTensor.set(outName, { id, kind: 'vector', shape: [units] });
        return;
      }
      case 'Transpose': {
        const src = x();
        if (src.kind === 'image' && JSON.stringify(intsAttr(n, 'perm')) === '[0,2,3,1]') {
          byTensor.set(out, { ...src, kind: 'nhwc' });
          return;
        }
        throw new ImportError(`${what}: only the NCHW→NHWC transpose before a Flatten is supported`);
      }
      case 'Flatten':
      case 'Reshape': {
        const src = x();
        if (src.kind === 'pooled' || src.kind === 'vector') byTensor.set(out, { ...src, kind: 'vector' });
        else if (src.kind === 'nhwc' || (src.shape[0] === 1 && src.shape[1] === 1)) {
          const id = claim(n.name, index);
          add({ id, type: 'flatten', params: {} }, [src.id]);
          byTensor.set(out, { id, kind: 'vector', shape: [src.shape.reduce((a, b) => a * b, 1)] });
        } else
          throw new ImportError(
            `${what}: flattening NCHW directly orders features differently from Deepwire's NHWC Flatten`,
          );
        return;
      }
      case 'Add':
      case 'Sum':
      case 'Concat': {
        const srcs = n.input.map((name) => input(name, what));
        if (n.opType === 'Concat' && intAttr(n, 'axis', 1) !== 1)
          throw new ImportError(`${what}: only channel concatenation (axis 1) is supported`);
        const id = claim(n.name, index);
        add(
          { id, type: n.opType === 'Concat' ? 'concat' : 'add', params: {} },
          srcs.map((s) => s.id),
        );
        const first = srcs[0] ?? x();
        const shape = [...first.shape];
        if (n.opType === 'Concat')
          shape[shape.length - 1] = srcs.reduce((c, s) => c + (s.shape[s.shape.length - 1] ?? 0), 0);
        byTensor.set(out, { id, kind: first.kind === 'image' ? 'image' : 'vector', shape });
        return;
      }
      case 'Pad': {
        const src = x();
        const pads = init.get(n.input[1] ?? '')?.values;
        if (!pads || pads.length !== 8)
          throw new ImportError(`${what}: pads must be a constant 8-value initializer`);
        const [n0, cb, top, left, n1, ca, bottom, right] = Array.from(pads, Number);
        if (n0 || n1 || [cb, top, left, ca, bottom, right].some((v) => v === undefined || v < 0))
          throw new ImportError(`${what}: only non-negative channel/spatial zero padding is supported`);
        const mode = attrOf(n, 'mode')?.s;
        if (mode && new TextDecoder().decode(mode) !== 'constant')
          throw new ImportError(`${what}: only constant (zero) padding is supported`);
        const p = {
          top: top ?? 0,
          bottom: bottom ?? 0,
          left: left ?? 0,
          right: right ?? 0,
          channelsBefore: cb ?? 0,
          channelsAfter: ca ?? 0,
        };
        const id = claim(n.name, index);
        add({ id, type: 'zeroPad2d', params: p }, [src.id]);
        const [h = 0, w = 0, c = 0] = src.shape;
        byTensor.set(out, {
          id,
          kind: 'image',
          shape: [h + p.top + p.bottom, w + p.left + p.right, c + p.channelsBefore + p.channelsAfter],
        });
        return;
      }
      case 'GreaterOrEqual': {
        const cast = graph.node.find((m) => m.opType === 'Cast' && m.input[0] === out);
        const zero = init.get(n.input[1] ?? '')?.values;
        if (!cast || !zero || zero.length !== 1 || zero[0] !== 0)
          throw new ImportError(`${what}: only x ≥ 0 followed by Cast (a binary step) is supported`);
        consumed.add(cast);
        const src = x();
        const id = claim(n.name, index);
        add({ id, type: 'activation', params: { fn: 'binaryStep', alpha: 0.01 } }, [src.id]);
        byTensor.set(cast.output[0] ?? '', { ...src, id });
        return;
      }
      case 'Div': {
        const chain = geluChain(graph.node, n, init);
        if (!chain) throw new ImportError(`${what}: division is only supported as part of a GELU`);
        chain.forEach((m) => consumed.add(m));
        const src = x();
        const id = claim(n.name, index);
        add({ id, type: 'activation', params: { fn: 'gelu', alpha: 0.01 } }, [src.id]);
        byTensor.set(chain[chain.length - 1]?.output[0] ?? '', { ...src, id });
        return;
      }
      default:
        throw new ImportError(`${what}: the operator has no Deepwire node`);
    }
  });

  const last = outputName === undefined ? undefined : byTensor.get(outputName);
  if (!last) throw new ImportError('The ONNX output is not produced by the graph');
  const folded = foldPadding(foldSoftmaxOutput(nodes, tensors, last.id, new Map()), new Map());
  const { document, weights } = toDocument(graph.name || 'imported', folded, tensors);
  return {
    document,
    weights,
    source: 'onnx',
    notes: nhwcInput ? [] : ['The ONNX input was NCHW; the Deepwire graph takes NHWC.'],
  };

  function square(values: number[], what: string): number {
    const [a, b] = values;
    if (a === undefined || a !== (b ?? a))
      throw new ImportError(`${what}: non-square ${JSON.stringify(values)} is not supported`);
    return a;
  }

  /** ONNX pads [t, l, b, r] → 'valid', 'same' (TF's split), a symmetric number, or a zeroPad2d node first. */
  function padsToPadding(
    n: OnnxNode,
    src: Tensor,
    kernel: number,
    stride: number,
    dilation: number,
    id: string,
    what: string,
  ): { padding: 'same' | 'valid' | number; source: Tensor } {
    const autoPad = attrOf(n, 'auto_pad')?.s;
    const auto = autoPad ? new TextDecoder().decode(autoPad) : 'NOTSET';
    if (auto === 'SAME_UPPER') return { padding: 'same', source: src };
    if (auto !== 'NOTSET' && auto !== 'VALID')
      throw new ImportError(`${what}: auto_pad ${auto} is not supported`);
    const [t = 0, l = 0, b = 0, r = 0] = intsAttr(n, 'pads') ?? [];
    if (t + l + b + r === 0) return { padding: 'valid', source: src };
    const [h = 0, w = 0, c = 0] = src.shape;
    const [st, sb] = samePads(h, kernel, stride, dilation);
    const [sl, sr] = samePads(w, kernel, stride, dilation);
    if (t === st && b === sb && l === sl && r === sr) return { padding: 'same', source: src };
    if (n.opType === 'Conv' && t === b && l === r && t === l) return { padding: t, source: src };
    if (n.opType !== 'Conv') return { padding: t, source: src };
    const padId = `${id}__pad`;
    used.add(padId);
    add(
      {
        id: padId,
        type: 'zeroPad2d',
        params: { top: t, bottom: b, left: l, right: r, channelsBefore: 0, channelsAfter: 0 },
      },
      [src.id],
    );
    return { padding: 'valid', source: { id: padId, kind: 'image', shape: [h + t + b, w + l + r, c] } };
  }
}
