import { tf } from '../backends/tf';
import { batchNormTrain } from './batchnorm';

/**
 * Routes tfjs-layers' BatchNormalization in training mode through
 * batchNormTrain() (SIMD passes in place on tfjs's heap) instead of moments + batchNorm,
 * whose gradient materialises Tile and dominates a ResNet step on wasm. Same
 * maths, same weights and moving-average update as the stock layer, so saved
 * models and checkpoints are unaffected. Only channels-last layers with both
 * scale and centre, on the wasm backend; everything else runs the stock call.
 */

type LayerCall = (
  this: BatchNormFields,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown>,
) => tf.Tensor;
type BatchNormFields = {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma: tf.LayerVariable | null;
  beta: tf.LayerVariable | null;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
};
type Patchable = { call: LayerCall };

let stockCall: LayerCall | undefined;

function batchNormPrototype(): Patchable {
  const layer = tf.layers.batchNormalization({});
  return Object.getPrototypeOf(layer) as Patchable;
}

function movingAverage(variable: tf.LayerVariable, value: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const current = variable.read();
    variable.write(tf.sub(current, tf.mul(tf.sub(current, value), 1 - momentum)));
  });
}

export function patchBatchNormLayer(): void {
  if (stockCall) return;
  const proto = batchNormPrototype();
  const original = proto.call;
  stockCall = original;
  proto.call = function (this: BatchNormFields, inputs, kwargs) {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    const lastAxis = input !== undefined && (this.axis === -1 || this.axis === input.rank - 1);
    if (kwargs?.training !== true || !lastAxis || !this.gamma || !this.beta || tf.getBackend() !== 'wasm') {
      return original.call(this, inputs, kwargs);
    }
    const { gamma, beta } = this;
    return tf.tidy(() => {
      const { y, mean, variance } = batchNormTrain(
        input,
        gamma.read() as tf.Tensor1D,
        beta.read() as tf.Tensor1D,
        this.epsilon,
      );
      movingAverage(this.movingMean, mean, this.momentum);
      movingAverage(this.movingVariance, variance, this.momentum);
      return y;
    });
  };
}

export function unpatchBatchNormLayer(): void {
  if (!stockCall) return;
  batchNormPrototype().call = stockCall;
  stockCall = undefined;
}
