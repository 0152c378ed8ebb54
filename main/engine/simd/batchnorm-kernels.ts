import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../backends/tf';
import { heapKernelsFor, type HeapKernels } from './heap-kernels';
import type { SimdRuntime } from './runtime';
import { asWasmBackend, heapOffset, heapView, type WasmBackendLike } from './wasm-heap';

/** Kernel names of the fused batch-norm training ops (Deepwire's own, not tfjs's). */
export const BN_TRAIN = 'DeepwireBatchNormTrain';
export const BN_TRAIN_GRAD = 'DeepwireBatchNormTrainGrad';

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

/**
 * Where tfjs's heap is reachable, batch norm runs in place on it with one
 * thread: for these memory-bound passes, copying x and dy into the pool's
 * heap and the result back cost more than the second thread saved (measured
 * on ResNet-20: the copies were over half of each call). The fused ReLU
 * variant keeps the pooled path.
 */
function inPlace(b: unknown, relu: number): { kernels: HeapKernels; backend: WasmBackendLike } | null {
  if (relu) return null;
  const kernels = heapKernelsFor(b);
  return kernels ? { kernels, backend: asWasmBackend(b) } : null;
}

const at = heapOffset;

/** Runs `run` with `floats` of scratch on tfjs's heap, freed afterwards. */
function withScratch(backend: WasmBackendLike, floats: number, run: (ptr: number) => void): void {
  const scratch = backend.makeOutput([floats], 'float32');
  try {
    run(at(backend, scratch));
  } finally {
    backend.disposeData(scratch.dataId);
  }
}

/** inputs x, gamma, beta; attrs epsilon, relu → [y, mean, variance]. */
function forwardKernel(rt: SimdRuntime): KernelFunc {
  return ({ inputs, backend: b, attrs }) => {
    const x = need(inputs.x, 'x');
    const gamma = need(inputs.gamma, 'gamma');
    const beta = need(inputs.beta, 'beta');
    const epsilon = Number(attrs?.epsilon ?? 1e-3);
    const relu = attrs?.relu === true ? 1 : 0;
    const backend = asWasmBackend(b);
    const { m, c } = rowsAndChannels(x);
    const y = backend.makeOutput([...x.shape], 'float32');
    const mean = backend.makeOutput([c], 'float32');
    const variance = backend.makeOutput([c], 'float32');
    const direct = inPlace(b, relu);
    if (direct) {
      withScratch(backend, 2 * c, (scratch) =>
        direct.kernels.bn_train_forward_inplace(
          at(backend, x),
          at(backend, gamma),
          at(backend, beta),
          at(backend, y),
          at(backend, mean),
          at(backend, variance),
          scratch,
          m,
          c,
          epsilon,
        ),
      );
      return [y, mean, variance];
    }
    rt.reset();
    const xp = rt.put(heapView(backend, x));
    const gp = rt.put(heapView(backend, gamma));
    const bp = rt.put(heapView(backend, beta));
    const yp = rt.alloc(m * c);
    const meanP = rt.alloc(c);
    const varP = rt.alloc(c);
    const scratch = rt.alloc(rt.kernels.bn_scratch_floats(c));
    rt.kernels.bn_train_forward(xp, gp, bp, yp, meanP, varP, scratch, m, c, epsilon, relu);
    heapView(backend, y).set(rt.view(yp, m * c));
    heapView(backend, mean).set(rt.view(meanP, c));
    heapView(backend, variance).set(rt.view(varP, c));
    return [y, mean, variance];
  };
}

/** inputs x, dy, mean, variance, gamma; attrs epsilon → [dx, dgamma, dbeta]. */
function gradKernel(rt: SimdRuntime): KernelFunc {
  return ({ inputs, backend: b, attrs }) => {
    const x = need(inputs.x, 'x');
    const epsilon = Number(attrs?.epsilon ?? 1e-3);
    const backend = asWasmBackend(b);
    const { m, c } = rowsAndChannels(x);
    const dx = backend.makeOutput([...x.shape], 'float32');
    const dgamma = backend.makeOutput([c], 'float32');
    const dbeta = backend.makeOutput([c], 'float32');
    const direct = inPlace(b, 0);
    if (direct) {
      const input = (name: string): number => at(backend, need(inputs[name], name));
      withScratch(backend, 5 * c, (scratch) =>
        direct.kernels.bn_train_backward_inplace(
          input('x'),
          input('dy'),
          input('mean'),
          input('variance'),
          input('gamma'),
          at(backend, dx),
          at(backend, dgamma),
          at(backend, dbeta),
          scratch,
          m,
          c,
          epsilon,
        ),
      );
      return [dx, dgamma, dbeta];
    }
    rt.reset();
    const ptr = (name: string): number => rt.put(heapView(backend, need(inputs[name], name)));
    const xp = ptr('x');
    const dyp = ptr('dy');
    const meanP = ptr('mean');
    const varP = ptr('variance');
    const gp = ptr('gamma');
    const dxp = rt.alloc(m * c);
    const dgp = rt.alloc(c);
    const dbp = rt.alloc(c);
    const scratch = rt.alloc(rt.kernels.bn_scratch_floats(c) + 3 * c);
    rt.kernels.bn_train_backward(xp, dyp, meanP, varP, gp, dxp, dgp, dbp, scratch, m, c, epsilon);
    heapView(backend, dx).set(rt.view(dxp, m * c));
    heapView(backend, dgamma).set(rt.view(dgp, c));
    heapView(backend, dbeta).set(rt.view(dbp, c));
    return [dx, dgamma, dbeta];
  };
}

export function registerBatchNormKernels(rt: SimdRuntime): void {
  for (const [kernelName, kernelFunc] of [
    [BN_TRAIN, forwardKernel(rt)],
    [BN_TRAIN_GRAD, gradKernel(rt)],
  ] as const) {
    if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
}
