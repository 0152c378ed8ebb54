import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCifarNet } from '../../../core/templates/resnet';
import { initBackend, tf } from '../backends';
import { computeActivations, predictBatch } from './activations';
import { camLayers, gradCam } from './gradcam';
import { createInspector, type Inspector } from './inspector';
import { loadRun, type LoadedRun } from './loadRun';
import { setLayerWeights, tinyConvNet, writeTestRun } from './test-runs';

/** A fixed, sign-mixed pattern standing in for trained weights. */
const pattern = (i: number, scale: number) => Math.sin(i * 12.9898 + 1.7) * scale;

let root: string;
let tiny: LoadedRun;
let resnet: LoadedRun;
let inspector: Inspector;

/** A deterministic 8×8 (or h×w×c) input in roughly [-1, 1]. */
function inputOf(size: number): Float32Array {
  return Float32Array.from({ length: size }, (_, i) => Math.cos(i * 0.7) * 0.9);
}

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  root = await mkdtemp(join(tmpdir(), 'deepwire-gradcam-'));
  await writeTestRun(join(root, 'tiny'), tinyConvNet(), (c) => {
    setLayerWeights(c, 'conv', [
      tf.tensor4d(
        Float32Array.from({ length: 18 }, (_, i) => pattern(i, 1)),
        [3, 3, 1, 2],
      ),
    ]);
    setLayerWeights(c, 'output', [
      tf.tensor2d(
        Float32Array.from({ length: 1280 }, (_, i) => pattern(i + 100, 0.5)),
        [128, 10],
      ),
      tf.tensor1d(Float32Array.from({ length: 10 }, (_, i) => pattern(i + 9000, 0.1))),
    ]);
  });
  tiny = await loadRun(join(root, 'tiny'));
  const resnetDoc = buildCifarNet({
    depth: 20,
    residual: true,
    width: 4,
    input: { height: 16, width: 16, channels: 1 },
  });
  await writeTestRun(join(root, 'resnet'), resnetDoc, () => undefined);
  resnet = await loadRun(join(root, 'resnet'));
  inspector = createInspector();
}, 60_000);

afterAll(async () => {
  tiny.compiled.model.dispose();
  resnet.compiled.model.dispose();
  inspector.dispose();
  await rm(root, { recursive: true, force: true });
});

/**
 * The reference: in conv → ReLU → flatten → dense, the class score is
 * z_c = Σ_i A_i W[i, c] + b_c, so ∂z_c/∂A[r, x, k] = W[(r·8 + x)·2 + k, c]
 * exactly, and α_k is the mean of that column over positions.
 */
async function referenceCam(input: Float32Array, classIndex: number): Promise<number[]> {
  const { maps } = await computeActivations(tiny, input, ['relu']);
  const a = maps[0]?.values ?? []; // [channel][row][col]
  const kernel = tiny.compiled.model.getLayer(tiny.compiled.layerNameOf('output')).getWeights()[0];
  const w = (await kernel!.data()) as Float32Array;
  const alpha = [0, 1].map((k) => {
    let sum = 0;
    for (let p = 0; p < 64; p++) sum += w[(p * 2 + k) * 10 + classIndex] ?? 0;
    return sum / 64;
  });
  return Array.from({ length: 64 }, (_, p) =>
    Math.max(0, (alpha[0] ?? 0) * (a[p] ?? 0) + (alpha[1] ?? 0) * (a[64 + p] ?? 0)),
  );
}

describe('Grad-CAM', () => {
  it('matches the formula computed by hand on conv → ReLU → dense, for every class', async () => {
    const input = inputOf(64);
    let nonZero = 0;
    for (let classIndex = 0; classIndex < 10; classIndex++) {
      const cam = await gradCam(tiny, input, { classIndex });
      expect(cam).toMatchObject({ nodeId: 'conv', classIndex, height: 8, width: 8 });
      const reference = await referenceCam(input, classIndex);
      if (reference.some((v) => v > 0)) nonZero++;
      cam.values.forEach((v, i) => expect(v).toBeCloseTo(reference[i] ?? NaN, 5));
    }
    // The check means something only where the map is not all zero.
    expect(nonZero).toBeGreaterThanOrEqual(3);
  });

  it('explains the predicted class by default, with the model’s own probabilities', async () => {
    const input = inputOf(64);
    const probs = await predictBatch(tiny, input, 1);
    const cam = await gradCam(tiny, input, {});
    const top = probs.indexOf(Math.max(...probs));
    expect(cam.classIndex).toBe(top);
    cam.probs.forEach((p, i) => expect(p).toBeCloseTo(probs[i] ?? NaN, 6));
  });

  it('takes the last conv stage of a residual net by default, any conv layer by choice', async () => {
    const layers = camLayers(resnet).map((l) => l.id);
    expect(layers).toEqual(['conv1', 'stage1', 'stage2', 'stage3']);
    const input = inputOf(16 * 16);
    const probs = await predictBatch(resnet, input, 1);
    const last = await gradCam(resnet, input, {});
    expect(last).toMatchObject({ nodeId: 'stage3', height: 4, width: 4 });
    expect(last.values).toHaveLength(16);
    // Re-running the layers after the map reproduces the model's own output (skips and adds included).
    last.probs.forEach((p, i) => expect(p).toBeCloseTo(probs[i] ?? NaN, 5));
    const first = await gradCam(resnet, input, { nodeId: 'stage1', classIndex: 2 });
    expect(first).toMatchObject({ nodeId: 'stage1', classIndex: 2, height: 16, width: 16 });
    for (const cam of [last, first]) expect(cam.values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  }, 60_000);

  it('refuses a node that is not a conv layer and a class out of range, naming them', async () => {
    const input = inputOf(64);
    await expect(gradCam(tiny, input, { nodeId: 'flatten' })).rejects.toThrow(
      /'flatten' is not a conv layer/,
    );
    await expect(gradCam(tiny, input, { classIndex: 12 })).rejects.toThrow(/class 12 is outside 0..9/);
  });

  it('answers through the inspector for a split sample and leaves no tensors behind', async () => {
    const runDir = join(root, 'tiny');
    const job = {
      channel: 'runs.gradCam',
      request: { runId: 'tiny', sample: { split: 'validation', index: 1 } },
      runDir,
    } as const;
    await inspector.run(job);
    const before = tf.memory().numTensors;
    const result = await inspector.run(job);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.input.shape).toEqual([8, 8, 1]);
    expect(result.input.className).not.toBeNull();
    expect(result.layers).toEqual([{ id: 'conv', label: 'conv' }]);
    expect(result.classes).toHaveLength(10);
    const overlay = PNG.sync.read(Buffer.from(result.overlay, 'base64'));
    expect([overlay.width, overlay.height]).toEqual([224, 224]);
  });
});
