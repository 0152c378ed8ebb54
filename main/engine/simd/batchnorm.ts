import type { GradSaveFunc } from '@tensorflow/tfjs';
import { tf } from '../backends/tf';
import { BN_TRAIN, BN_TRAIN_GRAD } from './batchnorm-kernels';

export type BatchNormTrainResult = {
  /** γ·(x − mean)/√(variance + ε) + β, optionally through ReLU. Differentiable in x, γ, β. */
  y: tf.Tensor;
  /** Per-channel batch mean and (biased) variance, for the moving averages; not differentiated. */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
};

function reductionAxes(x: tf.Tensor): number[] {
  return Array.from({ length: x.rank - 1 }, (_, i) => i);
}

function hasFusedKernels(): boolean {
  return tf.getKernel(BN_TRAIN, tf.getBackend()) !== undefined;
}

function runKernel(
  name: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, number | boolean>,
): tf.Tensor[] {
  const out = tf.engine().runKernel(name, inputs, attrs);
  return Array.isArray(out) ? out : [out];
}

/** The same maths with stock tf ops, for backends without the fused kernels. */
function composedForward(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
  relu: boolean,
): tf.Tensor[] {
  const { mean, variance } = tf.moments(x, reductionAxes(x));
  const normed = tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta);
  return [relu ? tf.relu(normed) : normed, mean, variance];
}

function composedGrad(
  x: tf.Tensor,
  dy: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
  gamma: tf.Tensor,
  eps: number,
): tf.Tensor[] {
  const axes = reductionAxes(x);
  const m = x.size / (x.shape[x.rank - 1] ?? 1);
  const rstd = tf.rsqrt(tf.add(variance, eps));
  const xhat = tf.mul(tf.sub(x, mean), rstd);
  const dbeta = tf.sum(dy, axes);
  const dgamma = tf.sum(tf.mul(dy, xhat), axes);
  const inner = tf.sub(tf.sub(dy, tf.div(dbeta, m)), tf.mul(xhat, tf.div(dgamma, m)));
  return [tf.mul(inner, tf.mul(gamma, rstd)), dgamma, dbeta];
}

/**
 * Batch normalisation in training mode (statistics of this batch over every
 * axis but the last) as one op with a hand-written gradient: on the wasm
 * backend with registerSimdKernels() it is SIMD passes in place on tfjs's heap, three forward
 * and two backward, instead of tfjs's moments + batchNorm graph (whose
 * gradient materialises Tile). Elsewhere it composes stock ops.
 * `relu` fuses a ReLU after the affine step (its gradient is applied here too).
 */
export function batchNormTrain(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  opts: { relu?: boolean } = {},
): BatchNormTrainResult {
  const relu = opts.relu === true;
  let stats: tf.Tensor[] = [];
  const op = tf.customGrad((xIn, gIn, bIn, save) => {
    const [xt, gt, bt] = [xIn as tf.Tensor, gIn as tf.Tensor1D, bIn as tf.Tensor1D];
    const fused = hasFusedKernels();
    const [y, mean, variance] = fused
      ? runKernel(BN_TRAIN, { x: xt, gamma: gt, beta: bt }, { epsilon, relu })
      : composedForward(xt, gt, bt, epsilon, relu);
    // Kept: tensors made inside customGrad's forward are freed when it returns.
    stats = [tf.keep(mean!), tf.keep(variance!)];
    (save as GradSaveFunc)([xt, gt, mean!, variance!, y!]);
    return {
      value: y!,
      gradFunc: (dy, saved) => {
        const [sx, sg, smean, svar, sy] = saved as tf.Tensor[];
        const g = Array.isArray(dy) ? dy[0]! : dy;
        // ReLU passes gradient only where its output was positive.
        const dyIn = relu ? tf.mul(g, tf.step(sy!)) : g;
        return fused
          ? runKernel(
              BN_TRAIN_GRAD,
              { x: sx!, dy: dyIn, mean: smean!, variance: svar!, gamma: sg! },
              { epsilon },
            )
          : composedGrad(sx!, dyIn, smean!, svar!, sg!, epsilon);
      },
    };
  });
  const y = op(x, gamma, beta);
  // Clones belong to the caller's scope (tidy frees them); the kept originals go now.
  const [mean, variance] = stats.map((t) => {
    const copy = tf.clone(t);
    t.dispose();
    return copy;
  }) as [tf.Tensor1D, tf.Tensor1D];
  return { y, mean, variance };
}
