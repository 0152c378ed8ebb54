import * as tf from '@tensorflow/tfjs';

/**
 * tfjs's cpu backend prints a "looks like you are running TensorFlow.js in
 * Node.js … install our node backend" banner on its first tensor. Deepwire
 * picks its backend itself and `deepwire doctor` says which and why, so the
 * banner is only noise on the CLI: mark the backend as already used. Other
 * tfjs warnings stay on.
 */
export function silenceCpuBanner(): void {
  const cpu: unknown = tf.findBackend('cpu');
  if (typeof cpu === 'object' && cpu !== null && 'firstUse' in cpu) {
    (cpu as { firstUse: boolean }).firstUse = false;
  }
}
