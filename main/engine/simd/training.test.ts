import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../../core/graph/schema';
import { buildCifarNet } from '../../../core/templates';
import { tf } from '../backends/tf';
import { configureWasm } from '../backends/wasm';
import { compileGraph } from '../compile';
import { registerSimdKernels, unregisterSimdKernels } from './register';
import { createRng, onBackend, randomArray } from './test-helpers';

/** Losses of `steps` seeded SGD steps (training mode: batch norm uses batch statistics). */
function trainingCurve(doc: GraphDocument, batch: number, steps: number): number[] {
  const { model } = compileGraph(doc, { seed: 3 });
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const rng = createRng(21);
  const optimizer: tf.Optimizer = tf.train.sgd(0.05);
  const variables = model.trainableWeights
    .map((w) => w.read())
    .filter((v): v is tf.Variable => v instanceof tf.Variable);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const x = tf.tensor(randomArray(batch * shape.reduce((a, b) => a * b, 1), rng), [batch, ...shape]);
    const labels = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: batch }, (_, i) => (i + step) % 10),
        'int32',
      ),
      10,
    );
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const probs = model.apply(x, { training: true }) as tf.Tensor;
        return tf.neg(
          tf.mean(tf.sum(tf.mul(labels, tf.log(tf.clipByValue(probs, 1e-7, 1))), -1)),
        ) as tf.Scalar;
      }, variables);
      optimizer.applyGradients(grads);
      return value;
    });
    losses.push(loss.dataSync()[0]!);
    tf.dispose([x, labels, loss]);
  }
  optimizer.dispose();
  model.dispose();
  return losses;
}

/** ResNet-20 exactly as the template builds it, on 8×8 inputs so the cpu backend can keep up. */
const smallResNet20 = () =>
  buildCifarNet({ depth: 20, residual: true, input: { height: 8, width: 8, channels: 3 } });
const tinyNet = () =>
  buildCifarNet({ depth: 20, residual: true, width: 4, input: { height: 12, width: 12, channels: 3 } });

describe('training with the SIMD kernels', () => {
  beforeAll(async () => {
    configureWasm();
    await tf.setBackend('wasm');
    await tf.ready();
  });
  afterAll(async () => {
    unregisterSimdKernels();
    await tf.setBackend('cpu');
  });

  it("ResNet-20 training steps on wasm + SIMD give the cpu backend's losses", async () => {
    const reference = await onBackend('cpu', () => trainingCurve(smallResNet20(), 2, 2));
    await registerSimdKernels({ threads: 2 });
    const actual = await onBackend('wasm', () => trainingCurve(smallResNet20(), 2, 2));
    expect(actual.every(Number.isFinite)).toBe(true);
    actual.forEach((loss, i) =>
      expect(Math.abs(loss - reference[i]!)).toBeLessThan(1e-4 * Math.max(1, reference[i]!)),
    );
  }, 180_000);

  it("a seeded run's training curve is the same with and without the SIMD kernels", async () => {
    unregisterSimdKernels();
    const stock = await onBackend('wasm', () => trainingCurve(tinyNet(), 16, 8));
    await registerSimdKernels({ threads: 2 });
    const simd = await onBackend('wasm', () => trainingCurve(tinyNet(), 16, 8));
    expect(stock[stock.length - 1]!).not.toBe(stock[0]);
    simd.forEach((loss, i) => expect(Math.abs(loss - stock[i]!)).toBeLessThan(1e-4 * Math.max(1, stock[i]!)));
  }, 120_000);
});
