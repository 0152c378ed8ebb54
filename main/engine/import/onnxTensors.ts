import { DATA_TYPE, decodeModel, type OnnxModel, type OnnxTensor } from '../export/onnx/onnx-proto';
import { checkedCount, ImportError, IMPORT_LIMITS } from './errors';

export type Initializer = { shape: number[]; values: Float32Array | number[] };

/** Decodes the protobuf, refusing truncated files with a clear message. */
export function decodeOnnx(bytes: Uint8Array): OnnxModel {
  let model: OnnxModel;
  try {
    model = decodeModel(bytes);
  } catch {
    throw new ImportError('The ONNX file could not be decoded (truncated or not ONNX?)');
  }
  if (!model.graph || !Array.isArray(model.graph.node)) throw new ImportError('The ONNX file has no graph');
  return model;
}

/**
 * Every initializer checked before it is copied: float32 or int64 only, no
 * external data (it would name files outside the model), declared shape
 * within the caps and matching the bytes actually present.
 */
export function readInitializers(model: OnnxModel): Map<string, Initializer> {
  const out = new Map<string, Initializer>();
  let total = 0;
  for (const t of model.graph.initializer ?? []) {
    const name = t.name;
    if ((t.externalData?.length ?? 0) > 0 || t.dataLocation === 1)
      throw new ImportError(`Initializer '${name}' uses external data files; refused`);
    const count = checkedCount(t.dims ?? [], `Initializer '${name}'`);
    total += count;
    if (total > IMPORT_LIMITS.maxParams)
      throw new ImportError(
        `The initializers exceed the ${IMPORT_LIMITS.maxParams.toLocaleString('en')}-parameter limit`,
      );
    out.set(name, { shape: (t.dims ?? []).map(Number), values: tensorValues(t, count) });
  }
  return out;
}

function tensorValues(t: OnnxTensor, count: number): Float32Array | number[] {
  const raw = t.rawData;
  if (t.dataType === DATA_TYPE.FLOAT) {
    if (raw && raw.byteLength > 0) {
      if (raw.byteLength !== count * 4)
        throw new ImportError(
          `Initializer '${t.name}' declares ${count} floats but holds ${raw.byteLength} bytes`,
        );
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const values = new Float32Array(count);
      for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
      return values;
    }
    const data = t.floatData ?? [];
    if (data.length !== count)
      throw new ImportError(`Initializer '${t.name}' declares ${count} floats but holds ${data.length}`);
    return Float32Array.from(data);
  }
  if (t.dataType === DATA_TYPE.INT64) {
    if (raw && raw.byteLength > 0) {
      if (raw.byteLength !== count * 8)
        throw new ImportError(`Initializer '${t.name}' has the wrong byte count`);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      return Array.from({ length: count }, (_, i) => Number(view.getBigInt64(i * 8, true)));
    }
    const data = (t.int64Data ?? []).map(Number);
    if (data.length !== count) throw new ImportError(`Initializer '${t.name}' has the wrong element count`);
    return data;
  }
  throw new ImportError(
    `Initializer '${t.name}' has data type ${t.dataType}; only float32 and int64 are supported`,
  );
}

/** [O, I, kh, kw] → [kh, kw, I, O]. */
export function oihwToKernel(shape: number[], v: Float32Array): { shape: number[]; values: Float32Array } {
  const [o = 1, i = 1, kh = 1, kw = 1] = shape;
  const out = new Float32Array(v.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let h = 0; h < kh; h++)
        for (let w = 0; w < kw; w++)
          out[((h * kw + w) * i + b) * o + a] = v[((a * i + b) * kh + h) * kw + w] ?? 0;
  return { shape: [kh, kw, i, o], values: out };
}

export function transposed(shape: number[], v: Float32Array): { shape: number[]; values: Float32Array } {
  const [r = 1, c = 1] = shape;
  const out = new Float32Array(v.length);
  for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) out[b * r + a] = v[a * c + b] ?? 0;
  return { shape: [c, r], values: out };
}
