import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../core/random';
import type { Batch, BatchSource } from './step';

/**
 * Test fixtures for the loop without the compiler or the data module: a
 * small conv net with batch norm and dropout (the two layers that make
 * determinism hard), seeded by hand, and a synthetic seeded dataset.
 */
export function tinyModel(seed: number, prefix = 'n'): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        name: `${prefix}conv`,
        inputShape: [8, 8, 1],
        filters: 4,
        kernelSize: 3,
        padding: 'same',
      }),
      tf.layers.batchNormalization({ name: `${prefix}bn`, momentum: 0.8 }),
      tf.layers.activation({ name: `${prefix}relu`, activation: 'relu' }),
      tf.layers.flatten({ name: `${prefix}flat` }),
      tf.layers.dropout({ name: `${prefix}drop`, rate: 0.3 }),
      tf.layers.dense({ name: `${prefix}dense`, units: 3, activation: 'softmax' }),
    ],
  });
  const rng = createRng(seed);
  const values = model.weights
    .map((variable) => variable.read())
    .map((w, i) =>
      tf.tidy(() => {
        const isOne = w.shape.length === 1 && /variance|gamma/.test(model.weights[i]!.originalName);
        const data = Float32Array.from({ length: w.size }, () =>
          w.shape.length > 1 ? rng.normal() * 0.2 : isOne ? 1 : 0,
        );
        return tf.tensor(data, w.shape);
      }),
    );
  model.setWeights(values);
  for (const v of values) v.dispose();
  return model;
}

/** Three classes of 8×8 images: bright left half, bright right half, or noise. */
export function syntheticSource(count: number, seed: number, opts: { poison?: boolean } = {}): BatchSource {
  const rng = createRng(seed);
  const size = 64;
  const images = new Float32Array(count * size);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = rng.int(3);
    labels[i] = label;
    for (let p = 0; p < size; p++) {
      const col = p % 8;
      const base = label === 0 ? (col < 4 ? 1 : 0) : label === 1 ? (col >= 4 ? 1 : 0) : 0.5;
      images[i * size + p] = base + (rng.next() - 0.5) * 0.4;
    }
  }
  if (opts.poison) images[size * 5] = NaN;
  return {
    count,
    shape: [8, 8, 1],
    batchCount: (batchSize) => Math.ceil(count / batchSize),
    batch(epoch, index, batchSize): Batch {
      const order = epochPermutation(count, seed, epoch);
      const start = index * batchSize;
      const n = Math.min(batchSize, count - start);
      const x = new Float32Array(n * size);
      const y = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const from = order[start + i]!;
        x.set(images.subarray(from * size, (from + 1) * size), i * size);
        y[i] = labels[from]!;
      }
      return { x, y, size: n };
    },
  };
}

function epochPermutation(count: number, seed: number, epoch: number): Uint32Array {
  const rng = createRng(seed * 31 + epoch);
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

export async function weightBytes(model: tf.LayersModel): Promise<number[]> {
  const out: number[] = [];
  for (const w of model.getWeights()) out.push(...(await w.data()));
  return out;
}
