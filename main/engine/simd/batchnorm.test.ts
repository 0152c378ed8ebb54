import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../backends/tf';
import { configureWasm } from '../backends/wasm';
import { batchNormTrain } from './batchnorm';
import { BN_TRAIN, BN_TRAIN_GRAD } from './batchnorm-kernels';
import { registerSimdKernels, unregisterSimdKernels } from './register';
import { createRng, onBackend, randomArray, relativeError } from './test-helpers';

type Result = {
  y: Float32Array;
  mean: Float32Array;
  variance: Float32Array;
  dx: Float32Array;
  dg: Float32Array;
  db: Float32Array;
};

function inputs(shape: number[], seed: number) {
  const rng = createRng(seed);
  const c = shape[shape.length - 1]!;
  const x = tf.tensor(
    randomArray(
      shape.reduce((a, b) => a * b),
      rng,
      3,
    ),
    shape,
  );
  const gamma = tf.tensor1d(randomArray(c, rng));
  const beta = tf.tensor1d(randomArray(c, rng));
  const r = tf.tensor(randomArray(x.size, rng), shape);
  return { x: tf.add(x, 0.5), gamma, beta, r };
}

/** Deepwire's op: values, statistics and gradients of sum(batchNormTrain(x)·r). */
function ours(shape: number[], seed: number, relu: boolean): Result {
  return tf.tidy(() => {
    const { x, gamma, beta, r } = inputs(shape, seed);
    const first = batchNormTrain(x, gamma, beta, 1e-3, { relu });
    const [dx, dg, db] = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      batchNormTrain(a, g as tf.Tensor1D, b as tf.Tensor1D, 1e-3, { relu })
        .y.mul(r)
        .sum(),
    )([x, gamma, beta]);
    const get = (t: tf.Tensor | undefined) => t!.dataSync() as Float32Array;
    return {
      y: get(first.y),
      mean: get(first.mean),
      variance: get(first.variance),
      dx: get(dx),
      dg: get(dg),
      db: get(db),
    };
  });
}

/** The stock tfjs ops, differentiated by tfjs, on the cpu backend. */
function stock(shape: number[], seed: number, relu: boolean): Result {
  return tf.tidy(() => {
    const { x, gamma, beta, r } = inputs(shape, seed);
    const axes = shape.slice(0, -1).map((_, i) => i);
    const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, axes);
      const y = tf.batchNorm(a, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3);
      return relu ? tf.relu(y) : y;
    };
    const { mean, variance } = tf.moments(x, axes);
    const [dx, dg, db] = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => f(a, g, b).mul(r).sum())([
      x,
      gamma,
      beta,
    ]);
    const get = (t: tf.Tensor | undefined) => t!.dataSync() as Float32Array;
    return {
      y: get(f(x, gamma, beta)),
      mean: get(mean),
      variance: get(variance),
      dx: get(dx),
      dg: get(dg),
      db: get(db),
    };
  });
}

function expectClose(a: Result, b: Result, tol: number): void {
  for (const key of ['y', 'mean', 'variance', 'dx', 'dg', 'db'] as const) {
    expect(relativeError(a[key], b[key]), key).toBeLessThan(tol);
  }
}

describe('batchNormTrain', () => {
  beforeAll(async () => {
    configureWasm();
    await tf.setBackend('wasm');
    await tf.ready();
    await registerSimdKernels({ threads: 2 });
  });
  afterAll(async () => {
    unregisterSimdKernels();
    await tf.setBackend('cpu');
  });

  it('registers the in-place kernels on wasm (else the cases below would test the stock composition)', () => {
    expect(tf.getKernel(BN_TRAIN, 'wasm')).toBeDefined();
    expect(tf.getKernel(BN_TRAIN_GRAD, 'wasm')).toBeDefined();
  });

  const shapes = [
    [8, 6, 5, 16],
    [3, 7, 7, 6],
    [130, 3],
    [2, 9, 11, 37],
  ];
  it.each(shapes.flatMap((s, i) => [[s, i, false] as const, [s, i, true] as const]))(
    'wasm SIMD kernels match stock ops on cpu: %o (case %i, relu %s)',
    async (shape, i, relu) => {
      const reference = await onBackend('cpu', () => stock([...shape], 70 + i, relu));
      const before = tf.memory().numTensors;
      const actual = await onBackend('wasm', () => ours([...shape], 70 + i, relu));
      expect(tf.memory().numTensors).toBe(before);
      expectClose(actual, reference, 2e-5);
    },
  );

  it('composes stock ops on backends without the fused kernels, with the same results', async () => {
    const reference = await onBackend('cpu', () => stock([4, 5, 5, 8], 3, false));
    const actual = await onBackend('cpu', () => ours([4, 5, 5, 8], 3, false));
    expectClose(actual, reference, 2e-5);
  });
});

describe('BatchNormalization layer in training mode on wasm', () => {
  beforeAll(async () => {
    configureWasm();
    await tf.setBackend('wasm');
    await tf.ready();
  });
  afterAll(async () => {
    unregisterSimdKernels();
    await tf.setBackend('cpu');
  });

  /** Output, input gradient, γ/β gradients and moving statistics after one training call. */
  function layerRun(): Float32Array[] {
    return tf.tidy(() => {
      const rng = createRng(12);
      const layer = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3 });
      const x = tf.tensor4d(randomArray(4 * 6 * 6 * 12, rng, 2), [4, 6, 6, 12]);
      layer.build(x.shape);
      layer.setWeights([
        tf.tensor1d(randomArray(12, rng)),
        tf.tensor1d(randomArray(12, rng)),
        tf.tensor1d(randomArray(12, rng)),
        tf.tensor1d(randomArray(12, rng, 0.5).map((v) => v + 1)),
      ]);
      const r = tf.tensor(randomArray(x.size, rng), x.shape);
      const [gamma, beta] = layer.trainableWeights.map((w) => w.read());
      const y = layer.apply(x, { training: true }) as tf.Tensor;
      const { grads } = tf.variableGrads(
        () => (layer.apply(x, { training: true }) as tf.Tensor).mul(r).sum() as tf.Scalar,
        [gamma as tf.Variable, beta as tf.Variable],
      );
      const dx = tf.grad((a: tf.Tensor) => (layer.apply(a, { training: true }) as tf.Tensor).mul(r).sum())(x);
      const moving = layer.getWeights().slice(2);
      return [y, dx, ...Object.values(grads), ...moving].map((t) => t.dataSync() as Float32Array);
    });
  }

  it("gives the stock layer's outputs, gradients and moving statistics with the SIMD path patched in", async () => {
    unregisterSimdKernels();
    const stock = layerRun();
    await registerSimdKernels({ threads: 2 });
    const patched = layerRun();
    expect(patched.length).toBe(stock.length);
    patched.forEach((values, i) =>
      expect(relativeError(values, stock[i]!), `output ${i}`).toBeLessThan(2e-5),
    );
  });
});
