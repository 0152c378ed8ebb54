import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Deepwire's in-place kernels (heap/*.c → heap-kernels.wasm), instantiated on
 * tfjs-backend-wasm's own WebAssembly.Memory, so element-wise passes read and
 * write tensors where they live instead of copying them to the SIMD pool's
 * heap and back. One instance per tfjs memory.
 */
export interface HeapKernels {
  relu_grad(dy: number, x: number, out: number, n: number): void;
  channel_affine(x: number, a: number, b: number, y: number, m: number, c: number): void;
  bn_train_forward_inplace(...args: number[]): void;
  bn_train_backward_inplace(...args: number[]): void;
}

function isHeapKernels(value: unknown): value is HeapKernels {
  return (
    typeof value === 'object' &&
    value !== null &&
    'relu_grad' in value &&
    'channel_affine' in value &&
    'bn_train_forward_inplace' in value &&
    'bn_train_backward_inplace' in value
  );
}

/** The emscripten module the wasm backend keeps as `backend.wasm`; its `asm.memory` is the heap. */
function tfjsMemory(backend: unknown): WebAssembly.Memory | null {
  const wasm = typeof backend === 'object' && backend !== null && 'wasm' in backend ? backend.wasm : null;
  const asm = typeof wasm === 'object' && wasm !== null && 'asm' in wasm ? wasm.asm : null;
  const memory = typeof asm === 'object' && asm !== null && 'memory' in asm ? asm.memory : null;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

let module: WebAssembly.Module | null | undefined;
const instances = new WeakMap<WebAssembly.Memory, HeapKernels>();

/** The kernels bound to `backend`'s memory, or null where that memory is not reachable (then callers use JS). */
export function heapKernelsFor(backend: unknown): HeapKernels | null {
  const memory = tfjsMemory(backend);
  if (!memory) return null;
  const known = instances.get(memory);
  if (known) return known;
  module ??= new WebAssembly.Module(
    readFileSync(fileURLToPath(new URL('./heap-kernels.wasm', import.meta.url))),
  );
  const { exports } = new WebAssembly.Instance(module, { env: { memory } });
  if (!isHeapKernels(exports)) throw new Error('heap-kernels.wasm: unexpected exports');
  instances.set(memory, exports);
  return exports;
}
