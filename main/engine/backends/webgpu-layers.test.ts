import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import { everyNodeTypeGraph } from '../compile/test-graphs';
import { createRng, randomArray, relativeError } from '../simd/test-helpers';
import { initBackend, tf } from './index';
import { webGpuTestGate } from './webgpu-gate';

/**
 * Every layer type on webgpu against the pure-JS cpu backend: each layer's
 * training-mode output, and the gradient of a loss over all of them with
 * respect to every trainable weight. GPU kernels sum in a different order
 * (tiled matmuls, parallel reductions), so results agree within these
 * relative tolerances (max |a − b| / max(1, max |cpu|)), not bit for bit.
 */
const FORWARD_TOLERANCE = 1e-4;
const GRADIENT_TOLERANCE = 1e-3;

const gate = await webGpuTestGate();

type LayerResults = { outputs: Map<string, Float32Array>; grads: Map<string, Float32Array> };

/**
 * Forward outputs of every layer and gradients of every weight, on the active
 * backend. Read with data(): webgpu has no synchronous read under Node.
 */
async function runEveryLayer(): Promise<LayerResults> {
  const { model } = compileGraph(everyNodeTypeGraph(), { seed: 5 });
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const batch = 2;
  const x = tf.tensor(randomArray(batch * shape.reduce((a, b) => a * b, 1), createRng(9)), [batch, ...shape]);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { outs, grads } = tf.tidy(() => {
    const forward = probe.apply(x, { training: true }) as tf.Tensor[];
    // A loss touching every output, weighted so no gradient is trivially uniform.
    const { grads: g } = tf.variableGrads(() => {
      const again = probe.apply(x, { training: true }) as tf.Tensor[];
      // Summed pairwise: webgpu's AddN binds every input at once and exceeds the 8 storage buffers a shader may bind.
      return again
        .map((t, k) => tf.mul(tf.sum(tf.square(t)), 1 / (k + 1)))
        .reduce((a, b) => tf.add(a, b)) as tf.Scalar;
    }, variables);
    return { outs: forward, grads: g };
  });
  const results: LayerResults = { outputs: new Map(), grads: new Map() };
  // Compared by position: tfjs numbers auto-generated names per process, so they differ between compiles.
  for (const [i, t] of outs.entries())
    results.outputs.set(`#${i} ${layers[i]!.name}`, (await t.data()) as Float32Array);
  for (const [i, v] of variables.entries())
    results.grads.set(
      `#${i} ${model.trainableWeights[i]!.originalName}`,
      (await grads[v.name]!.data()) as Float32Array,
    );
  tf.dispose([x, ...outs, ...Object.values(grads)]);
  model.dispose();
  return results;
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!gate.run)(`every layer type on webgpu vs cpu (${gate.reason})`, () => {
  it('gives the cpu backend’s forward outputs and weight gradients within tolerance', async () => {
    await initBackend({ force: 'cpu' });
    const reference = await runEveryLayer();
    await initBackend({ force: 'webgpu' });
    expect(tf.getBackend()).toBe('webgpu');
    const actual = await runEveryLayer();
    expect(actual.outputs.size).toBe(reference.outputs.size);
    expect(actual.grads.size).toBe(reference.grads.size);
    expect(reference.grads.size).toBeGreaterThan(5);
    const failures: string[] = [];
    const actualOutputs = [...actual.outputs.values()];
    const actualGrads = [...actual.grads.values()];
    for (const [i, [name, ref]] of [...reference.outputs].entries()) {
      const err = relativeError(actualOutputs[i]!, ref);
      if (!(err <= FORWARD_TOLERANCE)) failures.push(`forward ${name}: ${err.toExponential(2)}`);
    }
    for (const [i, [name, ref]] of [...reference.grads].entries()) {
      const err = relativeError(actualGrads[i]!, ref);
      if (!(err <= GRADIENT_TOLERANCE)) failures.push(`gradient ${name}: ${err.toExponential(2)}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('initialises weights bit-identically to cpu for the same seed (initialisers run in JavaScript)', async () => {
    await initBackend({ force: 'cpu' });
    const cpu = compileGraph(everyNodeTypeGraph(), { seed: 11 }).model;
    const cpuWeights = await Promise.all(cpu.getWeights().map(async (w) => Array.from(await w.data())));
    cpu.dispose();
    await initBackend({ force: 'webgpu' });
    const gpu = compileGraph(everyNodeTypeGraph(), { seed: 11 }).model;
    const gpuWeights = await Promise.all(gpu.getWeights().map(async (w) => Array.from(await w.data())));
    expect(gpuWeights).toEqual(cpuWeights);
    gpu.dispose();
  }, 300_000);
});
