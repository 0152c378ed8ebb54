import * as tf from '@tensorflow/tfjs';
import { silenceCpuBanner } from './quietCpu';

/**
 * The one TensorFlow.js namespace the engine, data and training code share.
 * tfjs-core keeps its engine (backends, kernels, tensors) in a module-level
 * singleton, so two copies of it would silently split the world: always
 * import tf from here (or from '@tensorflow/tfjs', which resolves to the same
 * module), never from a native package's own nested copy.
 */
export function getTf(): typeof tf {
  return tf;
}

silenceCpuBanner();

export { tf };
