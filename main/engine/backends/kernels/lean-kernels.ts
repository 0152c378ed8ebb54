import type { GradConfig, KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../tf';
import { heapKernelsFor } from '../../simd/heap-kernels';
import { asWasmBackend, heapOffset, heapView } from '../../simd/wasm-heap';

/**
 * Kernels that spare the wasm backend whole-tensor passes a training step
 * does not need (profiled on ResNet-20: Identity copies 5%, the ReLU gradient
 * as Step + Cast + Multiply 4%, a 1×1 max-pool gradient 2%):
 *  - Identity shares the input's buffer (reference-counted, as the cpu backend
 *    does) instead of copying it; no wasm kernel writes into its inputs.
 *  - The ReLU gradient is one pass, dy where x > 0 else 0.
 *  - Batch-norm inference (FusedBatchNorm) is one SIMD pass y = x·a + b with a
 *    and b folded per channel, instead of the package's per-element loop.
 *  - MaxPoolGrad matches the cpu backend at 'same' padding, and a 1×1 window
 *    (the option-A shortcut's subsampling) is a strided copy.
 */

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export const RELU_GRAD = 'DeepwireReluGrad';

const identityByReference =
  (stock: KernelFunc | undefined): KernelFunc =>
  (args) => {
    const x = args.inputs.x;
    if (!x || x.dtype === 'string') {
      if (!stock) throw new Error('Identity: no kernel for string tensors');
      return stock(args);
    }
    asWasmBackend(args.backend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };

const reluGrad: KernelFunc = (args) => {
  const { dy, x } = args.inputs;
  if (!dy || !x) throw new Error(`${RELU_GRAD}: needs dy and x`);
  const backend = asWasmBackend(args.backend);
  const out = backend.makeOutput([...x.shape], 'float32');
  const inPlace = heapKernelsFor(args.backend);
  if (inPlace) {
    const at = (t: TensorInfo): number => heapOffset(backend, t);
    inPlace.relu_grad(at(dy), at(x), at(out), sizeOf(out.shape));
    return out;
  }
  const g = heapView(backend, dy);
  const v = heapView(backend, x);
  const o = heapView(backend, out);
  // Branch-free: the sign of x is random, so a branch would mispredict half the time.
  for (let i = 0; i < o.length; i++) o[i] = g[i]! * +(v[i]! > 0);
  return out;
};

/**
 * dx of a max pool: each dy goes to the first maximum of its window, padding
 * excluded, as the cpu backend does. (The package's MaxPoolGrad counts the
 * zero padding as a candidate, so with 'same' padding it drops the gradient
 * of windows whose values are all negative.) A 1×1 window is a strided copy.
 */
const maxPoolGrad: KernelFunc = (args) => {
  const { dy, input } = args.inputs;
  const attrs = args.attrs as unknown as MaxPoolGradAttrs;
  if (!dy || !input || dy.dtype !== 'float32' || input.shape.length !== 4) {
    throw new Error('MaxPoolGrad: expects float32 NHWC dy and input');
  }
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const backend = asWasmBackend(args.backend);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const out = backend.makeOutput([n, h, w, c], 'float32');
  const g = heapView(backend, dy);
  const x = heapView(backend, input);
  const o = heapView(backend, out);
  o.fill(0);
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++) {
        const src = ((b * oh + oy) * ow + ox) * c;
        const y0 = oy * sh - top;
        const x0 = ox * sw - left;
        if (fh === 1 && fw === 1) {
          if (y0 >= 0 && y0 < h && x0 >= 0 && x0 < w)
            o.set(g.subarray(src, src + c), ((b * h + y0) * w + x0) * c);
          continue;
        }
        for (let ch = 0; ch < c; ch++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let y = Math.max(0, y0); y < Math.min(h, y0 + fh); y++)
            for (let xx = Math.max(0, x0); xx < Math.min(w, x0 + fw); xx++) {
              const i = ((b * h + y) * w + xx) * c + ch;
              if (x[i]! > best) {
                best = x[i]!;
                at = i;
              }
            }
          if (at >= 0) o[at]! += g[src + ch]!;
        }
      }
  return out;
};

const fusedBatchNorm =
  (stock: KernelFunc | undefined): KernelFunc =>
  (args) => {
    const { x, mean, variance, offset, scale } = args.inputs;
    const epsilon = Number((args.attrs as { varianceEpsilon?: number } | undefined)?.varianceEpsilon ?? 1e-3);
    const c = x?.shape[x.shape.length - 1] ?? 0;
    const perChannel = (t: TensorInfo | undefined): boolean =>
      t === undefined || (t.dtype === 'float32' && sizeOf(t.shape) === c);
    const kernels = heapKernelsFor(args.backend);
    if (
      !kernels ||
      !x ||
      !mean ||
      !variance ||
      x.dtype !== 'float32' ||
      c === 0 ||
      ![mean, variance, offset, scale].every(perChannel)
    ) {
      if (!stock) throw new Error('FusedBatchNorm: case not covered and no stock kernel');
      return stock(args);
    }
    const backend = asWasmBackend(args.backend);
    const out = backend.makeOutput([...x.shape], 'float32');
    const folded = backend.makeOutput([2 * c], 'float32');
    const ab = heapView(backend, folded);
    const [mu, v] = [heapView(backend, mean), heapView(backend, variance)];
    const [beta, gamma] = [
      offset ? heapView(backend, offset) : null,
      scale ? heapView(backend, scale) : null,
    ];
    for (let k = 0; k < c; k++) {
      const a = (gamma ? gamma[k]! : 1) / Math.sqrt(v[k]! + epsilon);
      ab[k] = a;
      ab[c + k] = (beta ? beta[k]! : 0) - mu[k]! * a;
    }
    const abAt = heapOffset(backend, folded);
    kernels.channel_affine(
      heapOffset(backend, x),
      abAt,
      abAt + 4 * c,
      heapOffset(backend, out),
      sizeOf(x.shape) / c,
      c,
    );
    backend.disposeData(folded.dataId);
    return out;
  };

/** Relu's gradient through the one-pass kernel on wasm, and tfjs's own composition elsewhere. */
export const reluGradConfig: GradConfig = {
  kernelName: tf.Relu,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    if (!x || Array.isArray(dy)) throw new Error('Relu gradient: expected one dy and the saved x');
    if (tf.getBackend() === 'wasm') {
      return { x: () => tf.engine().runKernel(RELU_GRAD, { dy, x }) as tf.Tensor };
    }
    return { x: () => tf.mul(dy, tf.cast(tf.step(x), 'float32')) };
  },
};

/** The package's own kernels, captured before the first replacement so re-registering never wraps a wrapper. */
const packageKernels = new Map<string, KernelConfig | undefined>();

function packageKernel(name: string): KernelConfig | undefined {
  if (!packageKernels.has(name)) packageKernels.set(name, tf.getKernel(name, 'wasm'));
  return packageKernels.get(name);
}

export function leanWasmKernels(): KernelConfig[] {
  const stockOf = (name: string): KernelFunc | undefined => packageKernel(name)?.kernelFunc;
  return [
    { kernelName: tf.Identity, backendName: 'wasm', kernelFunc: identityByReference(stockOf(tf.Identity)) },
    { kernelName: RELU_GRAD, backendName: 'wasm', kernelFunc: reluGrad },
    { kernelName: tf.MaxPoolGrad, backendName: 'wasm', kernelFunc: maxPoolGrad },
    {
      kernelName: tf.FusedBatchNorm,
      backendName: 'wasm',
      kernelFunc: fusedBatchNorm(stockOf(tf.FusedBatchNorm)),
      // The package kernel's cwrap must still be set up for the cases it keeps.
      setupFunc: packageKernel(tf.FusedBatchNorm)?.setupFunc,
    },
  ];
}
