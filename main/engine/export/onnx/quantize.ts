import { ATTRIBUTE_TYPE, DATA_TYPE, type OnnxModel, type OnnxNode, type OnnxTensor } from './onnx-proto';

/**
 * Float ONNX → QDQ int8 ONNX, the form onnxruntime's quantizer writes and its
 * QDQ transformers fuse: every Conv and Gemm reads its weight through a
 * DequantizeLinear of an int8 initializer (symmetric, one scale per output
 * channel), its bias through a DequantizeLinear of int32 at scale
 * input_scale·weight_scale, and its data input through a QuantizeLinear →
 * DequantizeLinear pair whose uint8 scale and zero point come from the
 * calibration ranges (static). Everything else stays float.
 */

/** Observed [min, max] of a float tensor over the calibration images. */
export type Range = { min: number; max: number };

/** The ops whose weights are stored int8. */
const QUANTIZED_OPS = new Set(['Conv', 'Gemm']);

/** The data inputs that need calibration ranges: the first input of every Conv and Gemm. */
export function calibrationTensors(model: OnnxModel): string[] {
  const names = new Set<string>();
  for (const node of model.graph.node) {
    const x = node.input[0];
    if (QUANTIZED_OPS.has(node.opType) && x !== undefined) names.add(x);
  }
  return [...names];
}

function bytesOf(values: Int8Array | Uint8Array | Int32Array | Float32Array): Uint8Array {
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

function tensor(
  name: string,
  dims: number[],
  dataType: number,
  values: Int8Array | Uint8Array | Int32Array | Float32Array,
): OnnxTensor {
  return { name, dims, dataType, rawData: bytesOf(values) };
}

function floatsOf(t: OnnxTensor): Float32Array {
  if (t.rawData) {
    const copy = t.rawData.slice();
    return new Float32Array(copy.buffer, copy.byteOffset, copy.byteLength / 4);
  }
  return Float32Array.from(t.floatData ?? []);
}

/** uint8 asymmetric parameters that represent `range` (always including 0, so zero padding is exact). */
export function activationParams(range: Range): { scale: number; zeroPoint: number } {
  const min = Math.min(0, range.min);
  const max = Math.max(0, range.max);
  const scale = max > min ? (max - min) / 255 : 1;
  const zeroPoint = Math.min(255, Math.max(0, Math.round(-min / scale)));
  return { scale, zeroPoint };
}

/**
 * Symmetric int8 per channel along `axis` of a 2-D ([in, out], axis 1) or
 * 4-D OIHW (axis 0) weight: scale = max|w|/127, q = round(w/scale).
 */
export function quantizeWeight(
  values: Float32Array,
  dims: number[],
  axis: number,
): { q: Int8Array; scales: Float32Array } {
  const channels = dims[axis] ?? 1;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const scales = new Float32Array(channels);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    scales[c] = Math.max(scales[c] ?? 0, Math.abs(values[i] ?? 0));
  }
  for (let c = 0; c < channels; c++) scales[c] = (scales[c] ?? 0) > 0 ? scales[c]! / 127 : 1;
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round((values[i] ?? 0) / scales[channelOf(i)]!);
    q[i] = Math.max(-127, Math.min(127, v));
  }
  return { q, scales };
}

class QdqWriter {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[];
  private readonly dequantized = new Map<string, { name: string; scale: number }>();

  constructor(
    private readonly floats: Map<string, OnnxTensor>,
    initializers: OnnxTensor[],
    private readonly ranges: ReadonlyMap<string, Range>,
  ) {
    this.initializers = initializers;
  }

  private dq(name: string, input: string, scale: string, zeroPoint: string, axis?: number): string {
    const attribute = axis === undefined ? [] : [{ name: 'axis', type: ATTRIBUTE_TYPE.INT, i: axis }];
    this.nodes.push({
      opType: 'DequantizeLinear',
      name,
      input: [input, scale, zeroPoint],
      output: [name],
      attribute,
    });
    return name;
  }

  /** Q → DQ on a data tensor (once per tensor, shared by its readers); its scale, for the bias. */
  activation(x: string): { name: string; scale: number } | null {
    const done = this.dequantized.get(x);
    if (done) return done;
    const range = this.ranges.get(x);
    if (!range) return null;
    const { scale, zeroPoint } = activationParams(range);
    const s = `${x}/qscale`;
    const z = `${x}/qzero`;
    this.initializers.push(tensor(s, [], DATA_TYPE.FLOAT, new Float32Array([scale])));
    this.initializers.push(tensor(z, [], DATA_TYPE.UINT8, new Uint8Array([zeroPoint])));
    const q = `${x}/quantized`;
    this.nodes.push({ opType: 'QuantizeLinear', name: q, input: [x, s, z], output: [q], attribute: [] });
    const result = { name: this.dq(`${x}/dequantized`, q, s, z), scale };
    this.dequantized.set(x, result);
    return result;
  }

  /** The int8 weight behind a DequantizeLinear; its per-channel scales, for the bias. */
  weight(name: string, axis: number): { name: string; scales: Float32Array } | null {
    const w = this.floats.get(name);
    if (!w) return null;
    const { q, scales } = quantizeWeight(floatsOf(w), w.dims, axis);
    const channels = scales.length;
    this.initializers.push(tensor(`${name}/int8`, w.dims, DATA_TYPE.INT8, q));
    this.initializers.push(tensor(`${name}/scale`, [channels], DATA_TYPE.FLOAT, scales));
    this.initializers.push(tensor(`${name}/zero`, [channels], DATA_TYPE.INT8, new Int8Array(channels)));
    const out = this.dq(`${name}/dequantized`, `${name}/int8`, `${name}/scale`, `${name}/zero`, axis);
    return { name: out, scales };
  }

  /** int32 bias at scale input·weight per channel (zero point 0), as QLinearConv expects it. */
  bias(name: string, inputScale: number, weightScales: Float32Array): string | null {
    const b = this.floats.get(name);
    if (!b) return null;
    const values = floatsOf(b);
    const scales = weightScales.map((s) => s * inputScale);
    const q = Int32Array.from(values, (v, i) => Math.round(v / scales[i]!));
    this.initializers.push(tensor(`${name}/int32`, b.dims, DATA_TYPE.INT32, q));
    this.initializers.push(tensor(`${name}/scale`, [scales.length], DATA_TYPE.FLOAT, scales));
    this.initializers.push(
      tensor(`${name}/zero`, [scales.length], DATA_TYPE.INT32, new Int32Array(scales.length)),
    );
    return this.dq(`${name}/dequantized`, `${name}/int32`, `${name}/scale`, `${name}/zero`, 0);
  }
}

/** The QDQ model; `ranges` maps each of `calibrationTensors(model)` to its observed range. */
export function quantizeModel(model: OnnxModel, ranges: ReadonlyMap<string, Range>): OnnxModel {
  const floats = new Map(model.graph.initializer.map((t) => [t.name, t]));
  const replaced = new Set<string>();
  const kept: OnnxTensor[] = [];
  const writer = new QdqWriter(floats, kept, ranges);
  for (const node of model.graph.node) {
    const [x, w, b] = node.input;
    if (!QUANTIZED_OPS.has(node.opType) || x === undefined || w === undefined) {
      writer.nodes.push(node);
      continue;
    }
    // Conv weights are OIHW (channel axis 0); Gemm's B is [in, out] (axis 1), as toOnnx writes it.
    const weight = writer.weight(w, node.opType === 'Conv' ? 0 : 1);
    const input = writer.activation(x);
    const inputs = [input?.name ?? x, weight?.name ?? w];
    if (weight) replaced.add(w);
    if (b !== undefined) {
      const bias = weight && input ? writer.bias(b, input.scale, weight.scales) : null;
      if (bias) replaced.add(b);
      inputs.push(bias ?? b);
    }
    writer.nodes.push({ ...node, input: inputs });
  }
  const initializer = [...model.graph.initializer.filter((t) => !replaced.has(t.name)), ...kept];
  return {
    ...model,
    docString:
      `${model.docString ?? ''} Quantized: int8 weights per output channel, uint8 activations (QDQ, static calibration).`.trim(),
    graph: { ...model.graph, node: writer.nodes, initializer },
  };
}
