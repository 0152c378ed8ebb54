import { createRequire } from 'node:module';
import path from 'node:path';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradientKernels } from './kernels';

const requireFromHere = createRequire(import.meta.url);

/** Directory (with trailing separator) holding the tfjs-backend-wasm .wasm binaries. */
export function wasmBinaryDir(): string {
  const manifest = requireFromHere.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(manifest), 'dist') + path.sep;
}

let configured = false;

/**
 * Points the wasm backend at its binaries on disk (under Node it cannot fetch
 * them) and registers the engine's own gradient kernels. Idempotent.
 */
export function configureWasm(): void {
  if (configured) return;
  setWasmPaths(wasmBinaryDir());
  registerWasmGradientKernels();
  configured = true;
}

/**
 * Threads in use. tfjs disables wasm threads under Node, so this is 1 today;
 * a threaded-SIMD binary, when forced in, plugs in here.
 */
export function wasmThreads(): number {
  return getThreadsCount();
}
