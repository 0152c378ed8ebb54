/**
 * Deepwire's own wasm SIMD, multi-threaded kernels for the tfjs wasm backend:
 * convolutions and their gradients, fused batch-norm training.
 */
export { registerSimdKernels, unregisterSimdKernels, simdKernelsWanted, activeSimdRuntime } from './register';
export { batchNormTrain, type BatchNormTrainResult } from './batchnorm';
export { SimdRuntime, getSimdRuntime } from './runtime';
export {
  conv2dForward,
  conv2dBackpropInput,
  conv2dBackpropFilter,
  type ConvGeometry,
  type FusedActivation,
} from './conv-ops';
