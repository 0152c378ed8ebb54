import { samePads } from '../export/ir';
import type { OnnxNode } from '../export/onnx/onnx-proto';
import { ImportError } from './errors';
import { intAttr, intsAttr, stringAttr } from './onnxAttributes';
import type { OnnxGraphBuilder, OperatorHandler, TrackedTensor } from './onnxBuilder';
import { oihwToKernel } from './onnxTensors';
import { windowOut } from './onnxPatterns';

/** Windowed operators: Conv, MaxPool/AveragePool and GlobalAveragePool. */

type Window = { kernel: number; stride: number; dilation: number };

export const convertConv: OperatorHandler = (b, step) => {
  const { node: n, what, out } = step;
  const src = b.source(step);
  if (intAttr(n, 'group', 1) !== 1) throw new ImportError(`${what}: grouped convolution is not supported`);
  const w = b.weight(n.input[1], `${what} weights`);
  const [filters = 1, , kernel = 1, kw = 1] = w.shape;
  if (kernel !== kw) throw new ImportError(`${what}: non-square kernels are not supported`);
  const stride = square(intsAttr(n, 'strides') ?? [1, 1], what);
  const dilation = square(intsAttr(n, 'dilations') ?? [1, 1], what);
  const id = b.claimFor(step);
  const { padding, source } = padsToPadding(b, n, src, { kernel, stride, dilation }, id, what);
  const useBias = n.input[2] !== undefined && n.input[2] !== '';
  b.add({ id, type: 'conv2d', params: { filters, kernel, stride, padding, dilation, useBias } }, [source.id]);
  const k = oihwToKernel(w.shape, w.values);
  b.tensors.push({ name: `${id}/kernel`, ...k });
  if (useBias) b.tensors.push({ name: `${id}/bias`, ...b.weight(n.input[2], `${what} bias`) });
  b.produce(out, {
    id,
    kind: 'image',
    shape: windowOut(source.shape, kernel, stride, dilation, padding, filters),
  });
};

export const convertPool: OperatorHandler = (b, step) => {
  const { node: n, what, out } = step;
  const src = b.source(step);
  const kernel = square(intsAttr(n, 'kernel_shape') ?? [], what);
  const stride = square(intsAttr(n, 'strides') ?? [1, 1], what);
  const id = b.claimFor(step);
  const { padding, source } = padsToPadding(b, n, src, { kernel, stride, dilation: 1 }, id, what);
  if (padding !== 'valid' && padding !== 'same')
    throw new ImportError(`${what}: padded pooling that is not TensorFlow-style 'same' is not supported`);
  if (n.opType === 'AveragePool' && padding === 'same' && intAttr(n, 'count_include_pad', 0) !== 0)
    throw new ImportError(`${what}: averaging over padding (count_include_pad=1) is not supported`);
  b.add(
    {
      id,
      type: n.opType === 'MaxPool' ? 'maxPool2d' : 'avgPool2d',
      params: { pool: kernel, stride, padding },
    },
    [source.id],
  );
  b.produce(out, {
    id,
    kind: 'image',
    shape: windowOut(source.shape, kernel, stride, 1, padding, source.shape[2] ?? 0),
  });
};

export const convertGlobalAveragePool: OperatorHandler = (b, step) => {
  const src = b.source(step);
  const id = b.claimFor(step);
  b.add({ id, type: 'globalAvgPool2d', params: {} }, [src.id]);
  b.produce(step.out, { id, kind: 'pooled', shape: [src.shape[2] ?? 0] });
};

/** The one value of a square 2-D attribute ([s, s] or [s]); anything else is refused. */
export function square(values: number[], what: string): number {
  const [a, b] = values;
  if (a === undefined || a !== (b ?? a))
    throw new ImportError(`${what}: non-square ${JSON.stringify(values)} is not supported`);
  return a;
}

/**
 * ONNX pads [t, l, b, r] → 'valid', 'same' (TF's split), a symmetric number,
 * or (for a Conv with uneven pads) a zeroPad2d node `<id>__pad` added first.
 */
export function padsToPadding(
  b: OnnxGraphBuilder,
  n: OnnxNode,
  src: TrackedTensor,
  { kernel, stride, dilation }: Window,
  id: string,
  what: string,
): { padding: 'same' | 'valid' | number; source: TrackedTensor } {
  const auto = stringAttr(n, 'auto_pad') ?? 'NOTSET';
  if (auto === 'SAME_UPPER') return { padding: 'same', source: src };
  if (auto !== 'NOTSET' && auto !== 'VALID')
    throw new ImportError(`${what}: auto_pad ${auto} is not supported`);
  const [t = 0, l = 0, bottom = 0, r = 0] = intsAttr(n, 'pads') ?? [];
  if (t + l + bottom + r === 0) return { padding: 'valid', source: src };
  const [h = 0, w = 0, c = 0] = src.shape;
  const [st, sb] = samePads(h, kernel, stride, dilation);
  const [sl, sr] = samePads(w, kernel, stride, dilation);
  if (t === st && bottom === sb && l === sl && r === sr) return { padding: 'same', source: src };
  if (n.opType === 'Conv' && t === bottom && l === r && t === l) return { padding: t, source: src };
  if (n.opType !== 'Conv') return { padding: t, source: src };
  const padId = `${id}__pad`;
  b.reserve(padId);
  b.add(
    {
      id: padId,
      type: 'zeroPad2d',
      params: { top: t, bottom, left: l, right: r, channelsBefore: 0, channelsAfter: 0 },
    },
    [src.id],
  );
  return { padding: 'valid', source: { id: padId, kind: 'image', shape: [h + t + bottom, w + l + r, c] } };
}
