import type { DataId, TensorInfo } from '@tensorflow/tfjs';

/**
 * The slice of tfjs-backend-wasm's BackendWasm the SIMD kernels use: where a
 * tensor lives on its heap, and how to allocate an output there. Checked at
 * run time, since the package does not export the class's internals as types.
 */
export interface WasmBackendLike {
  dataIdMap: { get(dataId: DataId): { memoryOffset: number } | undefined };
  wasm: { HEAPU8: Uint8Array };
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  disposeData(dataId: DataId): boolean;
  incRef(dataId: DataId): void;
}

export function asWasmBackend(backend: unknown): WasmBackendLike {
  if (
    typeof backend === 'object' &&
    backend !== null &&
    'dataIdMap' in backend &&
    'wasm' in backend &&
    'makeOutput' in backend &&
    'disposeData' in backend &&
    'incRef' in backend
  ) {
    return backend as WasmBackendLike;
  }
  throw new Error('Deepwire SIMD kernels: backend is not tfjs-backend-wasm');
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Byte offset of a tensor's data on the tfjs wasm heap, for kernels that run in place there. */
export function heapOffset(backend: WasmBackendLike, info: TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (!data) throw new Error('Deepwire kernels: tensor is not on the wasm backend');
  return data.memoryOffset;
}

/**
 * A float32 view of a tensor's data on the tfjs wasm heap. Take views only
 * after every makeOutput() of a kernel: allocating can grow (and so detach)
 * the heap.
 */
export function heapView(backend: WasmBackendLike, info: TensorInfo): Float32Array {
  if (info.dtype !== 'float32') throw new Error(`Deepwire SIMD kernels: expected float32, got ${info.dtype}`);
  const data = backend.dataIdMap.get(info.dataId);
  if (!data) throw new Error('Deepwire SIMD kernels: tensor is not on the wasm backend');
  return new Float32Array(backend.wasm.HEAPU8.buffer, data.memoryOffset, sizeOf(info.shape));
}
