import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../core/random';
import { tf } from '../tf';
import { configureWasm } from '../wasm';

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1);
  return tf.tensor(values, shape);
}

/** Output and input gradient of sum(f(x) · r) for a fixed random r, on `backend`. */
async function valueAndGradient(
  backend: 'cpu' | 'wasm',
  shape: number[],
  f: (x: tf.Tensor) => tf.Tensor,
  seed: number,
): Promise<{ y: Float32Array; dx: Float32Array }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = randomTensor(shape, seed);
    const y = f(x);
    const r = randomTensor(y.shape, seed + 1);
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(f(input), r)))(x);
    return { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
  });
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThan(1e-6);
}

describe('lean wasm kernels (Identity by reference, one-pass ReLU gradient, 1×1 max-pool gradient)', () => {
  beforeAll(() => {
    configureWasm();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives the cpu backend’s ReLU output and gradient, zero at x = 0 included', async () => {
    const withZeros = (x: tf.Tensor): tf.Tensor => tf.relu(tf.mul(tf.round(tf.mul(x, 3)), 0.5));
    const cpu = await valueAndGradient('cpu', [4, 5, 6, 3], withZeros, 7);
    const wasm = await valueAndGradient('wasm', [4, 5, 6, 3], withZeros, 7);
    expect(cpu.y.some((v) => v === 0)).toBe(true);
    expectClose(wasm.y, cpu.y);
    expectClose(wasm.dx, cpu.dx);
  });

  for (const [stride, pad] of [
    [2, 'valid'],
    [3, 'valid'],
    [1, 'valid'],
  ] as const) {
    it(`gives the cpu backend’s 1×1 max-pool gradient at stride ${stride}`, async () => {
      const pool = (x: tf.Tensor): tf.Tensor => tf.maxPool(x as tf.Tensor4D, 1, stride, pad);
      const cpu = await valueAndGradient('cpu', [3, 7, 8, 5], pool, 11);
      const wasm = await valueAndGradient('wasm', [3, 7, 8, 5], pool, 11);
      expectClose(wasm.y, cpu.y);
      expectClose(wasm.dx, cpu.dx);
    });
  }

  for (const [size, stride, pad] of [
    [3, 2, 'same'],
    [3, 2, 'valid'],
    [2, 2, 'valid'],
    [3, 1, 'same'],
  ] as const) {
    it(`gives the cpu backend’s ${size}×${size} max-pool gradient at stride ${stride}, ${pad} (negative windows too)`, async () => {
      const pool = (x: tf.Tensor): tf.Tensor => tf.maxPool(x as tf.Tensor4D, size, stride, pad);
      const cpu = await valueAndGradient('cpu', [2, 9, 9, 4], pool, 13);
      const wasm = await valueAndGradient('wasm', [2, 9, 9, 4], pool, 13);
      expectClose(wasm.dx, cpu.dx);
    });
  }

  for (const [channels, withAffine] of [
    [16, true],
    [3, true],
    [8, false],
  ] as const) {
    it(`gives the cpu backend’s batch-norm inference over ${channels} channels${withAffine ? '' : ' without γ and β'}`, async () => {
      const stats = (seed: number, shift: number): tf.Tensor1D =>
        tf.tidy(() => tf.add(tf.abs(randomTensor([channels], seed)), shift) as tf.Tensor1D);
      const run = async (backend: 'cpu' | 'wasm'): Promise<Float32Array> => {
        await tf.setBackend(backend);
        return tf.tidy(() => {
          const x = randomTensor([2, 5, 3, channels], 21);
          const [mean, variance] = [stats(22, -0.3), stats(23, 0.1)];
          const [offset, scale] = withAffine ? [stats(24, -0.5), stats(25, 0.5)] : [undefined, undefined];
          return tf.batchNorm(x, mean, variance, offset, scale, 1e-3).dataSync() as Float32Array;
        });
      };
      const cpu = await run('cpu');
      const wasm = await run('wasm');
      expectClose(wasm, cpu);
    });
  }

  it('shares the buffer on Identity and frees it only when the last tensor goes', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { refCount(dataId: object): number };
    const tensorsBefore = tf.memory().numTensors;
    const x = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(x);
    expect(copy.dataId).toBe(x.dataId);
    expect(backend.refCount(x.dataId)).toBe(2);
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    copy.dispose();
    expect(backend.refCount(copy.dataId)).toBe(0);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
