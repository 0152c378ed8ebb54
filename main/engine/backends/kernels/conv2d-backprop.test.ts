import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../core/random';
import { tf } from '../tf';
import { configureWasm } from '../wasm';

type Case = {
  batch: number;
  size: [number, number];
  inChannels: number;
  outChannels: number;
  kernel: [number, number];
  stride: number;
  pad: 'same' | 'valid';
};

function randomArray(length: number, rng: ReturnType<typeof createRng>): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.next() * 2 - 1;
  return out;
}

/** dL/dx and dL/dW of sum(conv2d(x, W) * r) for a fixed random r, on the current backend. */
function convGradients(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
  const rng = createRng(seed);
  const [h, w] = c.size;
  const xShape: [number, number, number, number] = [c.batch, h, w, c.inChannels];
  const wShape: [number, number, number, number] = [...c.kernel, c.inChannels, c.outChannels];
  return tf.tidy(() => {
    const x = tf.tensor4d(
      randomArray(
        xShape.reduce((a, b) => a * b),
        rng,
      ),
      xShape,
    );
    const filter = tf.tensor4d(
      randomArray(
        wShape.reduce((a, b) => a * b),
        rng,
      ),
      wShape,
    );
    const probe = tf.conv2d(x, filter, c.stride, c.pad);
    const r = tf.tensor(randomArray(probe.size, rng), probe.shape);
    const loss = (a: tf.Tensor, b: tf.Tensor) =>
      tf
        .conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad)
        .mul(r)
        .sum();
    const [dx, dw] = tf.grads(loss)([x, filter]);
    return { dx: dx!.dataSync() as Float32Array, dw: dw!.dataSync() as Float32Array };
  });
}

async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  await tf.setBackend(name);
  expect(tf.getBackend()).toBe(name);
  return fn();
}

function maxRelativeDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let maxDiff = 0;
  let maxMag = 1;
  for (let i = 0; i < a.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
    maxMag = Math.max(maxMag, Math.abs(b[i]!));
  }
  return maxDiff / maxMag;
}

function randomCases(count: number, seed: number): Case[] {
  const rng = createRng(seed);
  const cases: Case[] = [];
  for (const stride of [1, 2, 3]) {
    for (const pad of ['same', 'valid'] as const) {
      for (let i = 0; i < count; i++) {
        const kernel: [number, number] = [1 + rng.int(5), 1 + rng.int(5)];
        const size: [number, number] = [kernel[0] + rng.int(9), kernel[1] + rng.int(9)];
        cases.push({
          batch: 1 + rng.int(3),
          size,
          inChannels: 1 + rng.int(4),
          outChannels: 1 + rng.int(5),
          kernel,
          stride,
          pad,
        });
      }
    }
  }
  return cases;
}

describe('wasm conv2d gradient kernels match the cpu backend', () => {
  beforeAll(async () => {
    configureWasm();
    await tf.setBackend('wasm');
    await tf.ready();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases = randomCases(4, 7);
  it.each(cases.map((c, i) => [i, c] as const))('case %i %o', async (i, c) => {
    const before = tf.memory().numTensors;
    const reference = await onBackend('cpu', () => convGradients(c, 100 + i));
    const actual = await onBackend('wasm', () => convGradients(c, 100 + i));
    expect(maxRelativeDiff(actual.dx, reference.dx)).toBeLessThanOrEqual(1e-4);
    expect(maxRelativeDiff(actual.dw, reference.dw)).toBeLessThanOrEqual(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('registers the engine kernels on wasm', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
  });
});
