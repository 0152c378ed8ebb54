import type { OnnxNode } from '../export/onnx/onnx-proto';
import type { Initializer } from './onnxTensors';

export function windowOut(
  shape: number[],
  kernel: number,
  stride: number,
  dilation: number,
  padding: 'same' | 'valid' | number,
  channels: number,
): number[] {
  const [h = 0, w = 0] = shape;
  const size = (n: number) => {
    if (padding === 'same') return Math.ceil(n / stride);
    const p = typeof padding === 'number' ? 2 * padding : 0;
    return Math.floor((n + p - ((kernel - 1) * dilation + 1)) / stride) + 1;
  };
  return [size(h), size(w), channels];
}

/** Div(x, √2) → Erf → Add(1) → Mul(x, ·) → Mul(0.5): GELU written out (ONNX has no Gelu before opset 20). */
export function geluChain(all: OnnxNode[], div: OnnxNode, init: Map<string, Initializer>): OnnxNode[] | null {
  const scalar = (name: string | undefined, value: number) => {
    const v = init.get(name ?? '')?.values;
    return v !== undefined && v.length === 1 && Math.abs(Number(v[0]) - value) < 1e-5;
  };
  const x = div.input[0];
  if (!scalar(div.input[1], Math.SQRT2)) return null;
  const next = (from: OnnxNode, op: string) =>
    all.find((m) => m.opType === op && m.input.includes(from.output[0] ?? ''));
  const erf = next(div, 'Erf');
  const plus = erf && next(erf, 'Add');
  const times = plus && next(plus, 'Mul');
  const half = times && next(times, 'Mul');
  if (!erf || !plus || !times || !half) return null;
  if (
    !plus.input.some((i) => scalar(i, 1)) ||
    !times.input.includes(x ?? '') ||
    !half.input.some((i) => scalar(i, 0.5))
  )
    return null;
  return [erf, plus, times, half];
}
