import type {
  Conv2DAttrs,
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropInputAttrs,
  FusedConv2DAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs';
import { tf } from '../backends/tf';
import {
  conv2dBackpropFilter,
  conv2dBackpropInput,
  conv2dForward,
  type ConvGeometry,
  type FusedActivation,
} from './conv-ops';
import { asWasmBackend, heapView } from './wasm-heap';
import { getSimdRuntime, type SimdRuntime } from './runtime';
import { registerBatchNormKernels } from './batchnorm-kernels';
import { patchBatchNormLayer, unpatchBatchNormLayer } from './batchnorm-layer';

type Shape4 = [number, number, number, number];
type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

const BACKEND = 'wasm';
const OVERRIDDEN = [tf.Conv2D, tf.FusedConv2D, tf.Conv2DBackpropInput, tf.Conv2DBackpropFilter] as const;

function geometryOf(info: ConvInfo): ConvGeometry {
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    dilationH: info.dilationHeight,
    dilationW: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

const FUSABLE: Record<string, FusedActivation> = { linear: 'linear', relu: 'relu', relu6: 'relu6' };

function isFloat32(...infos: (TensorInfo | undefined)[]): boolean {
  return infos.every((t) => t === undefined || t.dtype === 'float32');
}

/** Kernel functions that fall back to the package's own kernel for what they do not cover. */
function makeKernels(rt: SimdRuntime, stock: Map<string, KernelFunc>): KernelConfig[] {
  const fallback = (name: string): KernelFunc => {
    const fn = stock.get(name);
    if (!fn)
      return () => {
        throw new Error(`${name}: case not covered by Deepwire SIMD kernels and no stock kernel`);
      };
    return fn;
  };

  const forward =
    (name: string): KernelFunc =>
    (args) => {
      const { x, filter, bias, preluActivationWeights } = args.inputs;
      const attrs = args.attrs as unknown as FusedConv2DAttrs | Conv2DAttrs;
      const activation = 'activation' in attrs ? FUSABLE[attrs.activation] : 'linear';
      if (
        !x ||
        !filter ||
        attrs.dataFormat !== 'NHWC' ||
        !activation ||
        preluActivationWeights ||
        !isFloat32(x, filter, bias) ||
        (bias && bias.shape.length !== 1)
      ) {
        return fallback(name)(args);
      }
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as Shape4,
        filter.shape as Shape4,
        attrs.strides,
        attrs.dilations,
        attrs.pad,
        attrs.dimRoundingMode,
      );
      const backend = asWasmBackend(args.backend);
      const out = backend.makeOutput(info.outShape, 'float32');
      conv2dForward(
        rt,
        geometryOf(info),
        heapView(backend, x),
        heapView(backend, filter),
        bias ? heapView(backend, bias) : null,
        activation,
        heapView(backend, out),
      );
      return out;
    };

  const backpropInput: KernelFunc = (args) => {
    const { dy, filter } = args.inputs;
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    if (!dy || !filter || attrs.dataFormat !== 'NHWC' || !isFloat32(dy, filter)) {
      return fallback(tf.Conv2DBackpropInput)(args);
    }
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as Shape4,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const backend = asWasmBackend(args.backend);
    const out = backend.makeOutput(attrs.inputShape, 'float32');
    conv2dBackpropInput(
      rt,
      geometryOf(info),
      heapView(backend, dy),
      heapView(backend, filter),
      heapView(backend, out),
    );
    return out;
  };

  const backpropFilter: KernelFunc = (args) => {
    const { x, dy } = args.inputs;
    const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
    if (!x || !dy || attrs.dataFormat !== 'NHWC' || !isFloat32(x, dy)) {
      return fallback(tf.Conv2DBackpropFilter)(args);
    }
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as Shape4,
      attrs.filterShape,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const backend = asWasmBackend(args.backend);
    const out = backend.makeOutput(attrs.filterShape, 'float32');
    conv2dBackpropFilter(
      rt,
      geometryOf(info),
      heapView(backend, x),
      heapView(backend, dy),
      heapView(backend, out),
    );
    return out;
  };

  return [
    { kernelName: tf.Conv2D, backendName: BACKEND, kernelFunc: forward(tf.Conv2D) },
    { kernelName: tf.FusedConv2D, backendName: BACKEND, kernelFunc: forward(tf.FusedConv2D) },
    { kernelName: tf.Conv2DBackpropInput, backendName: BACKEND, kernelFunc: backpropInput },
    { kernelName: tf.Conv2DBackpropFilter, backendName: BACKEND, kernelFunc: backpropFilter },
  ];
}

/** The kernels registered before ours, restored by unregisterSimdKernels(). */
let previous: Map<string, KernelConfig> | undefined;
let active: SimdRuntime | undefined;

function replaceKernel(config: KernelConfig, stock: KernelConfig | undefined): void {
  // The stock kernel's setup (its cwrap) must still run at backend init, for the fallback path.
  if (stock?.setupFunc) config.setupFunc = stock.setupFunc;
  if (tf.getKernel(config.kernelName, config.backendName))
    tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}

/** Whether the environment asks for the SIMD kernels (DEEPWIRE_SIMD=0 turns them off). */
export function simdKernelsWanted(): boolean {
  return process.env.DEEPWIRE_SIMD !== '0';
}

/**
 * Replaces the wasm backend's Conv2D, FusedConv2D (bias + linear/relu/relu6),
 * Conv2DBackpropInput and Conv2DBackpropFilter with Deepwire's SIMD,
 * multi-threaded kernels, and registers the batch-norm training kernels
 * batchNormTrain() uses. Cases they do not cover (NCHW, other fused
 * activations, PReLU, non-float32) go to the kernel that was registered
 * before. Idempotent; returns the number of threads the kernels use.
 */
export async function registerSimdKernels(opts: { threads?: number } = {}): Promise<number> {
  if (active) return active.threads;
  const rt =
    opts.threads === undefined
      ? await getSimdRuntime()
      : await import('./runtime').then((m) => m.SimdRuntime.create(opts));
  const stock = new Map<string, KernelFunc>();
  previous = new Map();
  for (const name of OVERRIDDEN) {
    const config = tf.getKernel(name, BACKEND);
    if (config) {
      previous.set(name, config);
      stock.set(name, config.kernelFunc);
    }
  }
  for (const config of makeKernels(rt, stock)) replaceKernel(config, previous.get(config.kernelName));
  registerBatchNormKernels();
  patchBatchNormLayer();
  active = rt;
  return rt.threads;
}

/** Puts back the kernels registerSimdKernels() replaced (for A/B runs and tests). */
export function unregisterSimdKernels(): void {
  if (!previous) return;
  for (const name of OVERRIDDEN) {
    const config = previous.get(name);
    if (tf.getKernel(name, BACKEND)) tf.unregisterKernel(name, BACKEND);
    if (config) tf.registerKernel(config);
  }
  unpatchBatchNormLayer();
  previous = undefined;
  active = undefined;
}

/** The runtime the registered kernels use, if registered. */
export function activeSimdRuntime(): SimdRuntime | undefined {
  return active;
}
