import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelLogits } from './logits';
import { collectTrainable, trainingLoss } from './step';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Input → dense(2, linear) → dense(3, softmax), weights set so class 2 is ~60 logits below class 0. */
function confidentModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 2, inputShape: [2], useBias: false, kernelInitializer: 'identity' }),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: 'zeros' }),
    ],
  });
  model.layers[1]!.setWeights([
    tf.tensor2d([
      [30, 0, -30],
      [0, 0, 0],
    ]),
    tf.zeros([3]),
  ]);
  return model;
}

describe('training loss from logits', () => {
  it('gives the logits the softmax output is made from', () => {
    const model = confidentModel();
    const x = tf.tensor2d([[1, 0]]);
    const logits = modelLogits(model, x, false)!;
    expect(Array.from(logits.dataSync())).toEqual([30, 0, -30]);
    const probs = model.predict(x) as tf.Tensor;
    const fromLogits = tf.softmax(logits);
    expect(tf.max(tf.abs(tf.sub(probs, fromLogits))).dataSync()[0]).toBeLessThan(1e-7);
  });

  it('keeps the loss and gradient of a sample whose true class has underflowed (no clipped log)', () => {
    const model = confidentModel();
    const trainable = collectTrainable(model, () => undefined);
    const x = tf.tensor2d([[1, 0]]);
    const y = tf.tensor1d([2], 'int32');
    const { value, grads } = tf.variableGrads(
      () => trainingLoss(model, trainable, x, y, 3, 0).loss,
      trainable.variables,
    );
    // Cross-entropy is 60 (log-softmax), not -log(1e-7) ≈ 16.1 from a clipped probability.
    expect(value.dataSync()[0]).toBeCloseTo(60, 3);
    const outputKernel = trainable.variables.find((v) => v.shape[1] === 3 && v.rank === 2)!;
    // d loss / d logits = p − onehot = [1, 0, −1] on input feature 0: nonzero, unlike the clipped version.
    const g = grads[outputKernel.name]!.dataSync();
    expect(g[0]).toBeCloseTo(1, 5);
    expect(g[2]).toBeCloseTo(-1, 5);
  });
});
