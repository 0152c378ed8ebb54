import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../backends/tf';
import { heapKernelsFor, type HeapKernels } from './heap-kernels';
import { asWasmBackend, heapOffset, type WasmBackendLike } from './wasm-heap';

/** Kernel names of the fused batch-norm training ops (Deepwire's own, not tfjs's). */
export const BN_TRAIN = 'DeepwireBatchNormTrain';
export const BN_TRAIN_GRAD = 'DeepwireBatchNormTrainGrad';

/**
 * Batch norm in training mode runs in place on tfjs's own heap (heap/batchnorm.c),
 * one thread: for these memory-bound passes, copying x and dy into the SIMD
 * pool's heap and the result back cost more than a second thread saved
 * (measured on ResNet-20, the copies were over half of each call).
 */

/** [M, C] view of an NHWC (or any channels-last) tensor. */
function rowsAndChannels(x: TensorInfo): { m: number; c: number } {
  const c = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((a, b) => a * b, 1);
  return { m: size / c, c };
}

function need(info: TensorInfo | undefined, name: string): TensorInfo {
  if (!info) throw new Error(`${BN_TRAIN}: missing input '${name}'`);
  return info;
}

function bound(b: unknown): { kernels: HeapKernels; backend: WasmBackendLike } {
  const kernels = heapKernelsFor(b);
  if (!kernels) throw new Error(`${BN_TRAIN}: tfjs's wasm heap is not reachable`);
  return { kernels, backend: asWasmBackend(b) };
}

/** Runs `run` with `floats` of scratch on tfjs's heap, freed afterwards. */
function withScratch(backend: WasmBackendLike, floats: number, run: (ptr: number) => void): void {
  const scratch = backend.makeOutput([floats], 'float32');
  try {
    run(heapOffset(backend, scratch));
  } finally {
    backend.disposeData(scratch.dataId);
  }
}

/** inputs x, gamma, beta; attrs epsilon, relu → [y, mean, variance]. */
const forwardKernel: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const x = need(inputs.x, 'x');
  const gamma = need(inputs.gamma, 'gamma');
  const beta = need(inputs.beta, 'beta');
  const epsilon = Number(attrs?.epsilon ?? 1e-3);
  const relu = attrs?.relu === true ? 1 : 0;
  const { kernels, backend } = bound(b);
  const { m, c } = rowsAndChannels(x);
  const y = backend.makeOutput([...x.shape], 'float32');
  const mean = backend.makeOutput([c], 'float32');
  const variance = backend.makeOutput([c], 'float32');
  const at = (t: TensorInfo): number => heapOffset(backend, t);
  withScratch(backend, 2 * c, (scratch) =>
    kernels.bn_train_forward_inplace(
      at(x),
      at(gamma),
      at(beta),
      at(y),
      at(mean),
      at(variance),
      scratch,
      m,
      c,
      epsilon,
      relu,
    ),
  );
  return [y, mean, variance];
};

/** inputs x, dy, mean, variance, gamma; attrs epsilon → [dx, dgamma, dbeta]. */
const gradKernel: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const x = need(inputs.x, 'x');
  const epsilon = Number(attrs?.epsilon ?? 1e-3);
  const { kernels, backend } = bound(b);
  const { m, c } = rowsAndChannels(x);
  const dx = backend.makeOutput([...x.shape], 'float32');
  const dgamma = backend.makeOutput([c], 'float32');
  const dbeta = backend.makeOutput([c], 'float32');
  const at = (t: TensorInfo): number => heapOffset(backend, t);
  const input = (name: string): number => at(need(inputs[name], name));
  withScratch(backend, 5 * c, (scratch) =>
    kernels.bn_train_backward_inplace(
      input('x'),
      input('dy'),
      input('mean'),
      input('variance'),
      input('gamma'),
      at(dx),
      at(dgamma),
      at(dbeta),
      scratch,
      m,
      c,
      epsilon,
    ),
  );
  return [dx, dgamma, dbeta];
};

/**
 * Registers the kernels when the active wasm backend's heap is reachable;
 * otherwise batchNormTrain() composes stock ops. Returns whether it registered.
 */
export function registerBatchNormKernels(): boolean {
  if (!heapKernelsFor(tf.findBackend('wasm'))) return false;
  for (const [kernelName, kernelFunc] of [
    [BN_TRAIN, forwardKernel],
    [BN_TRAIN_GRAD, gradKernel],
  ] as const) {
    if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  return true;
}
