import { inferGraph } from '../core/graph/infer';
import { getTemplate } from '../core/templates';
import { tf } from '../main/engine/backends/tf';
import { compileGraph } from '../main/engine/compile';

/** A compiled template with a fixed random batch and the one training step the bench times. */
export interface BenchModel {
  id: string;
  /** Multiply-accumulates of one forward pass of one image, from core's shape inference. */
  macsPerImage: number;
  trainStep(): void;
  inferStep(): void;
  dispose(): void;
}

function seededBatch(shape: number[], batch: number, classes: number, seed: number) {
  const size = batch * shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    values[i] = s / 2 ** 32 - 0.5;
  }
  const labels = Int32Array.from({ length: batch }, (_, i) => (i * 7 + seed) % classes);
  return { values, labels };
}

/** Builds `id` on the current backend; call again after switching backends. */
export function buildBenchModel(id: string, batch: number, seed = 1): BenchModel {
  const template = getTemplate(id);
  if (!template) throw new Error(`unknown template '${id}'`);
  const doc = template.build();
  const macsPerImage = inferGraph(doc).totalMacs;
  const { model } = compileGraph(doc, { seed });
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  const classes = (model.outputs[0]!.shape[1] as number | null) ?? 10;
  const data = seededBatch(inputShape, batch, classes, seed);
  const x = tf.tensor(data.values, [batch, ...inputShape]);
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), classes).toFloat());
  const optimizer: tf.Optimizer = tf.train.momentum(0.01, 0.9);
  const variables = model.trainableWeights
    .map((w) => w.read())
    .filter((v): v is tf.Variable => v instanceof tf.Variable);

  return {
    id,
    macsPerImage,
    trainStep() {
      const loss = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const probs = model.apply(x, { training: true }) as tf.Tensor;
          return tf.neg(
            tf.mean(tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(probs, 1e-7, 1))), -1)),
          ) as tf.Scalar;
        }, variables);
        optimizer.applyGradients(grads);
        return value;
      });
      loss.dataSync();
      loss.dispose();
    },
    inferStep() {
      // One batch of `batch`, as PyTorch runs it (predict would split it into batches of 32).
      const out = model.predict(x, { batchSize: batch }) as tf.Tensor;
      out.dataSync();
      out.dispose();
    },
    dispose() {
      x.dispose();
      oneHot.dispose();
      optimizer.dispose();
      model.dispose();
    },
  };
}

/**
 * Images per second of a chunk of `step` calls lasting at least `seconds`
 * (at least one call), by wall clock: the same chunk rule as the PyTorch side.
 */
export function timedChunk(step: () => void, batch: number, seconds: number): number {
  const start = performance.now();
  let steps = 0;
  let elapsed = 0;
  do {
    step();
    steps++;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < seconds);
  return (batch * steps) / elapsed;
}

/** The async form, for engines whose run returns a promise (onnxruntime). */
export async function timedChunkAsync(
  step: () => Promise<void>,
  batch: number,
  seconds: number,
): Promise<number> {
  const start = performance.now();
  let steps = 0;
  let elapsed = 0;
  do {
    await step();
    steps++;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < seconds);
  return (batch * steps) / elapsed;
}
