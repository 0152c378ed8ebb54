import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../core/random';
import { tf } from '../tf';
import { registerEngineGradients } from './fused-batch-norm';

function random(shape: number[], seed: number, offset = 0): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.next() * 2 - 1 + offset),
    shape,
  );
}

/** Gradients of Σ f(x, mean, variance, offset, scale)·r for a batch-norm f. */
function gradients(
  batchNorm: (x: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) => tf.Tensor,
) {
  return tf.tidy(() => {
    const channels = 5;
    const x = random([3, 4, 4, channels], 1);
    const r = random([3, 4, 4, channels], 2);
    const args = [
      x,
      random([channels], 3),
      random([channels], 4, 2),
      random([channels], 5),
      random([channels], 6, 1),
    ];
    const loss = (...t: tf.Tensor[]) => batchNorm(t[0]!, t[1]!, t[2]!, t[3]!, t[4]!).mul(r).sum();
    return tf
      .grads(loss)(args)
      .map((g) => Array.from(g.dataSync()));
  });
}

describe('FusedBatchNorm gradient without Tile', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    registerEngineGradients();
  });

  it('matches the gradient of the same formula written as plain ops', () => {
    const epsilon = 1e-3;
    const fused = gradients((x, m, v, o, s) => tf.batchNorm(x, m, v, o, s, epsilon));
    const plain = gradients((x, m, v, o, s) =>
      tf.add(tf.mul(tf.mul(tf.sub(x, m), tf.rsqrt(tf.add(v, epsilon))), s), o),
    );
    expect(fused).toHaveLength(5);
    fused.forEach((g, i) => {
      const maxDiff = Math.max(...g.map((value, j) => Math.abs(value - plain[i]![j]!)));
      const magnitude = Math.max(1, ...plain[i]!.map(Math.abs));
      expect(maxDiff / magnitude, `input ${i}`).toBeLessThanOrEqual(1e-5);
    });
  });

  it('records no Tile kernel in the backward pass', async () => {
    const info = await tf.profile(() => {
      gradients((x, m, v, o, s) => tf.batchNorm(x, m, v, o, s, 1e-3));
    });
    expect(info.kernels.some((k) => k.name === 'FusedBatchNorm')).toBe(true);
    expect(info.kernels.some((k) => k.name === 'Tile')).toBe(false);
  });
});
