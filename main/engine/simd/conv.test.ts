import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../backends/tf';
import { configureWasm } from '../backends/wasm';
import { registerSimdKernels, unregisterSimdKernels } from './register';
import { createRng, onBackend, randomArray, relativeError, type Rng } from './test-helpers';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
type Case = {
  batch: number;
  size: [number, number];
  inC: number;
  outC: number;
  kernel: [number, number];
  stride: number;
  dilation: number;
  pad: Pad;
};

function randomCases(rng: Rng): Case[] {
  const cases: Case[] = [];
  for (const stride of [1, 2, 3]) {
    for (const padKind of ['same', 'valid', 'explicit'] as const) {
      for (const dilation of stride === 1 ? [1, 2] : [1]) {
        const kernel: [number, number] = [1 + rng.int(4), 1 + rng.int(4)];
        const reach = (k: number) => (k - 1) * dilation + 1;
        const size: [number, number] = [reach(kernel[0]) + rng.int(8), reach(kernel[1]) + rng.int(8)];
        const pad: Pad =
          padKind === 'explicit'
            ? [
                [0, 0],
                [rng.int(3), rng.int(3)],
                [rng.int(3), rng.int(3)],
                [0, 0],
              ]
            : padKind;
        cases.push({
          batch: 1 + rng.int(3),
          size,
          inC: 1 + rng.int(11),
          outC: 1 + rng.int(19),
          kernel,
          stride,
          dilation,
          pad,
        });
      }
    }
  }
  return cases;
}

type Outputs = { y: Float32Array; fused: Float32Array; dx?: Float32Array; dw?: Float32Array };

/** conv2d, fused conv2d (bias + relu), and — where tfjs defines them (dilation 1) — dx and dW. */
function convOutputs(c: Case, seed: number): Outputs {
  const rng = createRng(seed);
  const xShape: [number, number, number, number] = [c.batch, ...c.size, c.inC];
  const wShape: [number, number, number, number] = [...c.kernel, c.inC, c.outC];
  return tf.tidy(() => {
    const x = tf.tensor4d(
      randomArray(
        xShape.reduce((a, b) => a * b),
        rng,
      ),
      xShape,
    );
    const w = tf.tensor4d(
      randomArray(
        wShape.reduce((a, b) => a * b),
        rng,
      ),
      wShape,
    );
    const bias = tf.tensor1d(randomArray(c.outC, rng));
    const conv = (a: tf.Tensor, b: tf.Tensor) =>
      tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad, 'NHWC', c.dilation);
    const y = conv(x, w);
    const fused = tf.fused.conv2d({
      x,
      filter: w,
      strides: c.stride,
      pad: c.pad,
      dilations: c.dilation,
      bias,
      activation: 'relu',
    });
    const out: Outputs = { y: y.dataSync() as Float32Array, fused: fused.dataSync() as Float32Array };
    if (c.dilation === 1) {
      const r = tf.tensor(randomArray(y.size, rng), y.shape);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => conv(a, b).mul(r).sum())([x, w]);
      out.dx = dx!.dataSync() as Float32Array;
      out.dw = dw!.dataSync() as Float32Array;
    }
    return out;
  });
}

describe('SIMD conv kernels on wasm match the cpu backend', () => {
  beforeAll(async () => {
    configureWasm();
    await tf.setBackend('wasm');
    await tf.ready();
    expect(await registerSimdKernels({ threads: 2 })).toBe(2);
  });
  afterAll(async () => {
    unregisterSimdKernels();
    await tf.setBackend('cpu');
  });

  const cases = randomCases(createRng(4));
  it.each(cases.map((c, i) => [i, JSON.stringify(c), c] as const))('case %i %s', async (i, _label, c) => {
    const reference = await onBackend('cpu', () => convOutputs(c, 500 + i));
    const before = tf.memory().numTensors;
    const actual = await onBackend('wasm', () => convOutputs(c, 500 + i));
    expect(tf.memory().numTensors).toBe(before);
    expect(relativeError(actual.y, reference.y)).toBeLessThan(1e-5);
    expect(relativeError(actual.fused, reference.fused)).toBeLessThan(1e-5);
    if (reference.dx && reference.dw && actual.dx && actual.dw) {
      expect(relativeError(actual.dx, reference.dx)).toBeLessThan(1e-5);
      expect(relativeError(actual.dw, reference.dw)).toBeLessThan(1e-5);
    }
  });

  it('registers the batch-norm training kernels too', () => {
    expect(tf.getKernel('DeepwireBatchNormTrain', 'wasm')).toBeDefined();
    expect(tf.getKernel('DeepwireBatchNormTrainGrad', 'wasm')).toBeDefined();
  });

  it('falls back to the stock kernel for activations it does not fuse (elu)', async () => {
    const run = () =>
      tf.tidy(() => {
        const rng = createRng(9);
        const x = tf.tensor4d(randomArray(2 * 5 * 5 * 3, rng), [2, 5, 5, 3]);
        const w = tf.tensor4d(randomArray(3 * 3 * 3 * 4, rng), [3, 3, 3, 4]);
        return tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'same', activation: 'elu' }).dataSync();
      });
    const wasmOut = await onBackend('wasm', run);
    const cpuOut = await onBackend('cpu', run);
    expect(relativeError(wasmOut, cpuOut)).toBeLessThan(1e-5);
  });
});
