import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../../core/templates';
import { createRng } from '../../../core/random';
import type { GraphDocument } from '../../../core/graph/schema';
import { initBackend, tf } from '../backends';
import { compileGraph, type CompiledGraph } from '../compile';
import { maxAbsDiff } from '../export/run';
import { TOLERANCE } from '../export/types';
import { createPredictor, pickEngine, tfjsPredict } from './engine';
import { createOnnxRunner, loadOrt, type OnnxRunner } from './onnxRunner';

let doc: GraphDocument;
let compiled: CompiledGraph;

function inputs(count: number, seed = 3): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count * 28 * 28 }, () => rng.normal());
}

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  const template = getTemplate('lenet5');
  if (!template) throw new Error('no lenet5 template');
  doc = template.build();
  compiled = compileGraph(doc, { seed: 7 });
});

afterAll(() => compiled.model.dispose());

describe('pickEngine', () => {
  const equal = { maxAbsDiff: 2e-7, onnxMs: 1, tfjsMs: 5 };
  it('takes onnxruntime only where it is equal to tfjs and faster', () => {
    expect(pickEngine(equal)).toMatchObject({ engine: 'onnxruntime', maxAbsDiff: 2e-7 });
    expect(pickEngine({ ...equal, onnxMs: 6 })).toMatchObject({ engine: 'tfjs' });
    const differs = pickEngine({ ...equal, maxAbsDiff: 10 * TOLERANCE });
    expect(differs.engine).toBe('tfjs');
    expect(differs.reason).toContain('differs');
    expect(pickEngine({ ...equal, maxAbsDiff: Number.NaN }).engine).toBe('tfjs');
    const missing = pickEngine({ unavailable: 'no binding', maxAbsDiff: null, onnxMs: null, tfjsMs: null });
    expect(missing).toMatchObject({ engine: 'tfjs', maxAbsDiff: null });
    expect(missing.reason).toContain('no binding');
  });

  it('honours a forced engine only where onnxruntime is equal', () => {
    expect(pickEngine({ ...equal, onnxMs: 9, force: 'onnxruntime' }).engine).toBe('onnxruntime');
    expect(pickEngine({ ...equal, force: 'tfjs' }).engine).toBe('tfjs');
    expect(pickEngine({ ...equal, maxAbsDiff: 1, force: 'onnxruntime' }).engine).toBe('tfjs');
  });
});

describe('createPredictor', () => {
  it('runs the ONNX export in onnxruntime with the same probabilities as tfjs, across chunks', async () => {
    const predictor = await createPredictor(compiled, doc, { force: 'onnxruntime', chunk: 2 });
    try {
      expect(predictor.choice.engine).toBe('onnxruntime');
      expect(predictor.choice.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
      const x = inputs(5);
      const fromOnnx = await predictor.predict(x, 5);
      const fromTfjs = await tfjsPredict(compiled, x, 5);
      expect(fromOnnx).toHaveLength(50);
      expect(maxAbsDiff(fromOnnx, fromTfjs)).toBeLessThanOrEqual(TOLERANCE);
    } finally {
      await predictor.release();
    }
  });

  it('gives feature maps in tfjs layout (NHWC) equal to the tfjs layer outputs', async () => {
    const predictor = await createPredictor(compiled, doc, { force: 'onnxruntime' });
    try {
      const conv = compiled.layerNameOf('c3');
      const dense = compiled.layerNameOf('f5');
      const x = inputs(1, 11);
      const out = await predictor.layers(x, [conv, dense]);
      expect(out).not.toBeNull();
      const probe = tf.model({
        inputs: compiled.model.inputs,
        outputs: [conv, dense].map((n) => compiled.model.getLayer(n).output as tf.SymbolicTensor),
      });
      const expected = tf.tidy(() =>
        (probe.predict(tf.tensor4d(x, [1, 28, 28, 1])) as tf.Tensor[]).map((t) => t.dataSync()),
      );
      expect(out?.maps.get(conv)?.shape).toEqual([10, 10, 16]);
      expect(maxAbsDiff(out?.maps.get(conv)?.values ?? [], expected[0] ?? [])).toBeLessThanOrEqual(TOLERANCE);
      expect(maxAbsDiff(out?.maps.get(dense)?.values ?? [], expected[1] ?? [])).toBeLessThanOrEqual(
        TOLERANCE,
      );
    } finally {
      await predictor.release();
    }
  });

  it('falls back to tfjs where onnxruntime’s answer is not equal, even when forced', async () => {
    const loaded = await loadOrt();
    if ('error' in loaded) throw new Error(loaded.error);
    const faulty = async (...args: Parameters<typeof createOnnxRunner>): Promise<OnnxRunner> => {
      const real = await createOnnxRunner(...args);
      return { ...real, predict: async (x, n) => (await real.predict(x, n)).map((p) => p + 1e-3) };
    };
    const predictor = await createPredictor(compiled, doc, {
      force: 'onnxruntime',
      createRunner: (ir) => faulty(loaded.ort, ir),
    });
    expect(predictor.choice.engine).toBe('tfjs');
    expect(predictor.choice.reason).toContain('differs');
    const x = inputs(3);
    expect(await predictor.predict(x, 3)).toEqual(await tfjsPredict(compiled, x, 3));
    expect(await predictor.layers(x, [compiled.layerNameOf('c3')])).toBeNull();
    await predictor.release();
  });

  it('falls back to tfjs, saying why, where onnxruntime cannot run the model', async () => {
    const predictor = await createPredictor(compiled, doc, {
      createRunner: () => Promise.reject(new Error('onnxruntime-node could not load: no binding')),
    });
    expect(predictor.choice).toMatchObject({ engine: 'tfjs', maxAbsDiff: null });
    expect(predictor.choice.reason).toContain('no binding');
    const x = inputs(2);
    expect(await predictor.predict(x, 2)).toEqual(await tfjsPredict(compiled, x, 2));
  });
});
