import type { KernelConfig } from '@tensorflow/tfjs';
import { tf } from '../tf';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input';
import { leanWasmKernels, reluGradConfig } from './lean-kernels';

/**
 * Gradient kernels the wasm backend lacks (Conv2DBackpropFilter) or runs as a
 * slow scalar loop (Conv2DBackpropInput), composed from its XNNPACK Conv2D.
 */
export function wasmGradientKernels(): KernelConfig[] {
  return [conv2DBackpropFilterConfig('wasm'), conv2DBackpropInputConfig('wasm'), ...leanWasmKernels()];
}

/** Registers (replacing any package version of) the engine's wasm gradient kernels. Idempotent. */
export function registerWasmGradientKernels(): void {
  for (const config of wasmGradientKernels()) {
    if (tf.getKernel(config.kernelName, config.backendName)) {
      tf.unregisterKernel(config.kernelName, config.backendName);
    }
    tf.registerKernel(config);
  }
  // Replaces tfjs-core's Relu gradient; it keeps tfjs's composition on every backend but wasm.
  tf.registerGradient(reluGradConfig);
}
