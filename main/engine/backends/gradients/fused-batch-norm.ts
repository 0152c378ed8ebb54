import type { FusedBatchNormAttrs, GradConfig, Tensor } from '@tensorflow/tfjs';
import { tf } from '../tf';

/**
 * tfjs's FusedBatchNorm gradient tiles 1/√(var+ε) to the full activation
 * shape before multiplying (a full-size copy per BN layer, ~40% of a ResNet
 * step on wasm). Broadcasting gives the same numbers without that copy.
 * Otherwise the same formulas as tfjs-core's FusedBatchNorm_grad.
 */
export const fusedBatchNormGradConfig: GradConfig = {
  kernelName: tf.FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs) => {
    const grad = Array.isArray(dy) ? dy[0]! : dy;
    const { varianceEpsilon } = attrs as unknown as FusedBatchNormAttrs;
    const [x, mean, variance, scale] = saved as [Tensor, Tensor, Tensor, Tensor | undefined];
    const scaleValue = scale ?? tf.scalar(1);
    const reductionAxes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
    const perChannel = mean.rank === 1;
    const reduce = (t: Tensor) => tf.reshape(perChannel ? tf.sum(t, reductionAxes) : t, mean.shape);

    const xMinusMean = tf.sub(x, mean);
    const dyTimesScale = tf.mul(grad, scaleValue);
    const invStd = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
    const minusHalfInvStdCubed = tf.mul(tf.mul(tf.mul(invStd, invStd), invStd), tf.scalar(-0.5));
    return {
      x: () => tf.reshape(tf.mul(dyTimesScale, invStd), x.shape),
      mean: () => reduce(tf.mul(tf.neg(invStd), dyTimesScale)),
      variance: () => reduce(tf.mul(tf.mul(minusHalfInvStdCubed, xMinusMean), dyTimesScale)),
      scale: () => reduce(tf.mul(grad, tf.mul(xMinusMean, invStd))),
      offset: () => reduce(grad),
    };
  },
};

let registered = false;

/** Replaces tfjs's gradient for every backend (gradients are backend-agnostic). Idempotent. */
export function registerEngineGradients(): void {
  if (registered) return;
  tf.registerGradient(fusedBatchNormGradConfig);
  registered = true;
}
