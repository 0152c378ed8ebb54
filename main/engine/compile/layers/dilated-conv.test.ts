import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../core/random';
import { tf } from '../../backends/tf';
import { configureWasm } from '../../backends/wasm';
import { DilatedConv2D } from './dilated-conv';

type Case = {
  size: [number, number];
  channels: number;
  filters: number;
  kernel: number;
  dilation: number;
  padding: 'same' | 'valid';
};

function cases(): Case[] {
  const rng = createRng(11);
  const out: Case[] = [];
  for (const dilation of [1, 2, 3]) {
    for (const padding of ['same', 'valid'] as const) {
      for (let i = 0; i < 3; i++) {
        const kernel = 1 + rng.int(4);
        const span = (kernel - 1) * dilation + 1;
        out.push({
          size: [span + rng.int(7), span + rng.int(7)],
          channels: 1 + rng.int(3),
          filters: 1 + rng.int(4),
          kernel,
          dilation,
          padding,
        });
      }
    }
  }
  return out;
}

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.next() * 2 - 1),
    shape,
  );
}

/** Output, and gradients w.r.t. input and kernel, of sum(layer(x) · r) on the active backend. */
function run(c: Case, seed: number) {
  const layer = new DilatedConv2D({ ...c, useBias: true });
  const xShape = [2, ...c.size, c.channels];
  layer.build([null, ...c.size, c.channels]);
  const kernel = randomTensor([c.kernel, c.kernel, c.channels, c.filters], seed + 1);
  const bias = randomTensor([c.filters], seed + 2);
  layer.setWeights([kernel, bias]);
  const result = tf.tidy(() => {
    const x = randomTensor(xShape, seed);
    const y = layer.apply(x) as tf.Tensor;
    const reference = tf.add(
      tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, 1, c.padding, 'NHWC', c.dilation),
      bias,
    );
    const r = randomTensor(y.shape, seed + 3);
    const { grads } = tf.variableGrads(
      () => (layer.apply(x) as tf.Tensor).mul(r).sum(),
      layer.trainableWeights.map((w) => w.read() as tf.Variable),
    );
    const dx = tf.grad((t: tf.Tensor) => (layer.apply(t) as tf.Tensor).mul(r).sum())(x);
    return {
      y: Array.from(y.dataSync()),
      reference: Array.from(reference.dataSync()),
      shape: y.shape,
      dx: Array.from(dx.dataSync()),
      dKernel: Array.from(Object.values(grads)[0]!.dataSync()),
    };
  });
  tf.dispose([kernel, bias]);
  for (const weight of layer.weights) weight.dispose();
  return result;
}

function maxRelativeDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let magnitude = 1;
  a.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(v - b[i]!));
    magnitude = Math.max(magnitude, Math.abs(b[i]!));
  });
  return diff / magnitude;
}

describe('DilatedConv2D (trainable atrous conv)', () => {
  beforeAll(() => configureWasm());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(cases().map((c, i) => [i, c] as const))('case %i %o', async (i, c) => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const cpu = run(c, 50 + i);
    expect(tf.memory().numTensors).toBe(before);
    expect(maxRelativeDiff(cpu.y, cpu.reference)).toBeLessThanOrEqual(1e-5);
    const span = (c.kernel - 1) * c.dilation;
    const expected = c.padding === 'same' ? c.size : [c.size[0] - span, c.size[1] - span];
    expect(cpu.shape).toEqual([2, ...expected, c.filters]);

    await tf.setBackend('wasm');
    const wasm = run(c, 50 + i);
    expect(maxRelativeDiff(wasm.y, cpu.y)).toBeLessThanOrEqual(1e-4);
    expect(maxRelativeDiff(wasm.dx, cpu.dx)).toBeLessThanOrEqual(1e-4);
    expect(maxRelativeDiff(wasm.dKernel, cpu.dKernel)).toBeLessThanOrEqual(1e-4);
  });
});
