import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCifarNet } from '../../../core/templates/resnet';
import { initBackend, tf } from '../backends';
import { createInspector, type Inspector } from './inspector';
import { setLayerWeights, tinyConvNet, tinyLinear, writeTestRun } from './test-runs';

/** Filter 0: identity (centre 1); filter 1: the primer's [-1, 1] edge detector in the middle row. */
const IDENTITY = [0, 0, 0, 0, 1, 0, 0, 0, 0];
const EDGE = [0, 0, 0, -1, 1, 0, 0, 0, 0];

function convKernel(): tf.Tensor {
  // tfjs layout [row][col][in][filter].
  const values = new Float32Array(9 * 2);
  for (let i = 0; i < 9; i++) {
    values[i * 2] = IDENTITY[i] ?? 0;
    values[i * 2 + 1] = EDGE[i] ?? 0;
  }
  return tf.tensor4d(values, [3, 3, 1, 2]);
}

/** A left-dark, right-bright 8×8 picture: one vertical edge between columns 3 and 4. */
function stepPng(): string {
  const png = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < 64; i++) {
    const v = i % 8 >= 4 ? 255 : 0;
    png.data.set([v, v, v, 255], i * 4);
  }
  return PNG.sync.write(png).toString('base64');
}

let root: string;
let inspector: Inspector;
const convRun = () => join(root, 'conv');
const linearRun = () => join(root, 'linear');

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  root = await mkdtemp(join(tmpdir(), 'deepwire-inspect-'));
  await writeTestRun(
    convRun(),
    tinyConvNet(),
    (c) => {
      setLayerWeights(c, 'conv', [convKernel()]);
      setLayerWeights(c, 'output', [tf.zeros([128, 10]), tf.tensor1d([0, 0, 0, 5, 0, 0, 0, 0, 0, 0])]);
    },
    {
      metrics: [
        JSON.stringify({
          type: 'gradNorms',
          step: 0,
          layers: [
            { nodeId: 'conv', norm: 2 },
            { nodeId: 'output', norm: 0.5 },
          ],
        }),
        '{"type":"epoch","epoch":1}',
        JSON.stringify({
          type: 'gradNorms',
          step: 50,
          layers: [
            { nodeId: 'conv', norm: null },
            { nodeId: 'output', norm: 0.25 },
          ],
        }),
        '{"type":"gradNo', // a torn last line
      ].join('\n'),
    },
  );
  await writeTestRun(linearRun(), tinyLinear(), (c) => {
    const kernel = new Float32Array(64 * 10);
    for (let f = 0; f < 64; f++) for (let u = 0; u < 10; u++) kernel[f * 10 + u] = u === 0 ? f : -f * u;
    setLayerWeights(c, 'output', [tf.tensor2d(kernel, [64, 10]), tf.zeros([10])]);
  });
  inspector = createInspector();
}, 60_000);

afterAll(async () => {
  inspector.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('inspector', () => {
  it('lists the run’s nodes with shapes and what each can show', async () => {
    const info = await inspector.run({
      channel: 'runs.inspectable',
      request: { runId: 'conv' },
      runDir: convRun(),
    });
    expect(info.inputShape).toEqual([8, 8, 1]);
    expect(info.nodes.map((n) => n.id)).toEqual(['input', 'conv', 'relu', 'flatten', 'output']);
    const byId = new Map(info.nodes.map((n) => [n.id, n]));
    expect(byId.get('conv')?.hasFilters).toBe(true);
    expect(byId.get('conv')?.shape).toEqual([8, 8, 2]);
    // The conv stage is represented by its ReLU output.
    expect(byId.get('relu')?.isStage).toBe(true);
    expect(byId.get('output')?.hasTemplates).toBe(false);
  });

  it('draws conv kernels filter-major with the weights that were set', async () => {
    const filters = await inspector.run({
      channel: 'runs.filters',
      request: { runId: 'conv', nodeId: 'conv' },
      runDir: convRun(),
    });
    expect(filters).toMatchObject({ kernel: [3, 3], inChannels: 1, filters: 2, shown: 2, rgb: false });
    expect(filters.weights.slice(0, 9)).toEqual(IDENTITY);
    expect(filters.weights.slice(9, 18)).toEqual(EDGE);
  });

  it('computes feature maps channel-major: identity copies the input, [-1, 1] finds the edge', async () => {
    const result = await inspector.run({
      channel: 'runs.activations',
      request: { runId: 'conv', sample: { png: stepPng() }, nodeIds: ['input', 'conv', 'relu'] },
      runDir: convRun(),
    });
    const conv = result.maps.find((m) => m.nodeId === 'conv');
    expect(conv).toMatchObject({ channels: 2, shown: 2, height: 8, width: 8 });
    const identity = conv?.values.slice(0, 64) ?? [];
    const edge = conv?.values.slice(64, 128) ?? [];
    expect(identity.slice(0, 8).map((v) => Math.round(v))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    // Correlation with [-1, 1] (at offsets -1, 0): x[c] − x[c−1] is 1 only at column 4.
    expect(edge.slice(8, 16).map((v) => Math.round(v))).toEqual([0, 0, 0, 0, 1, 0, 0, 0]);
    // The output bias favours class 3 whatever the input.
    expect(result.probs.indexOf(Math.max(...result.probs))).toBe(3);
    expect(result.input.label).toBeNull();
    expect(Buffer.from(result.input.png, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('reshapes each class row of a linear classifier to the image', async () => {
    const t = await inspector.run({
      channel: 'runs.templates',
      request: { runId: 'linear', nodeId: 'output' },
      runDir: linearRun(),
    });
    expect(t.shape).toEqual([8, 8, 1]);
    expect(t.classes).toHaveLength(10);
    expect(t.weights.slice(0, 64)).toEqual(Array.from({ length: 64 }, (_, f) => f));
    expect(t.weights.slice(2 * 64, 2 * 64 + 3)).toEqual([-0, -2, -4]);
    await expect(
      inspector.run({
        channel: 'runs.templates',
        request: { runId: 'conv', nodeId: 'output' },
        runDir: convRun(),
      }),
    ).rejects.toThrow(/flattened gray or RGB image/);
  });

  it('evaluates the validation split into a confusion matrix and galleries', async () => {
    const result = await inspector.run({
      channel: 'runs.evaluate',
      request: { runId: 'conv', limit: 15, gallery: 3 },
      runDir: convRun(),
    });
    expect(result.split).toBe('validation');
    expect(result.count).toBe(15);
    const total = result.matrix.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(15);
    // Every prediction is class 3, so only column 3 is filled and accuracy is its diagonal share.
    expect(result.matrix.every((row) => row.every((v, j) => j === 3 || v === 0))).toBe(true);
    expect(result.accuracy).toBeCloseTo((result.matrix[3]?.[3] ?? 0) / 15, 6);
    expect(result.wrong.length).toBeLessThanOrEqual(3);
    expect(result.wrong[0]?.predicted).toBe(3);
    expect(result.wrong[0]?.probs).toHaveLength(10);
  });

  it('reads the gradient history as a layer × step table, skipping torn lines', async () => {
    const g = await inspector.run({
      channel: 'runs.gradients',
      request: { runId: 'conv' },
      runDir: convRun(),
    });
    expect(g.steps).toEqual([0, 50]);
    expect(g.layers).toEqual(['conv', 'output']);
    expect(g.norms).toEqual([
      [2, null],
      [0.5, 0.25],
    ]);
  });

  it('previews a dataset with pictures per class', async () => {
    const preview = await inspector.run({
      channel: 'dataset.preview',
      request: { spec: 'digits', perClass: 2 },
    });
    expect(preview.classes).toHaveLength(10);
    expect(preview.samples).toHaveLength(20);
    expect(preview.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
  });

  it('shows a composite stage through its last inner layer, one map per stage', async () => {
    const resnet = buildCifarNet({
      depth: 20,
      residual: true,
      width: 4,
      input: { height: 16, width: 16, channels: 1 },
    });
    const runDir = join(root, 'resnet');
    await writeTestRun(runDir, resnet, () => undefined);
    const info = await inspector.run({ channel: 'runs.inspectable', request: { runId: 'resnet' }, runDir });
    expect(info.nodes.filter((n) => n.isStage).map((n) => n.id)).toEqual([
      'relu1',
      'stage1',
      'stage2',
      'stage3',
    ]);
    const result = await inspector.run({
      channel: 'runs.activations',
      request: {
        runId: 'resnet',
        sample: { split: 'test', index: 0 },
        nodeIds: ['stage1', 'stage2', 'stage3'],
      },
      runDir,
    });
    expect(result.maps.map((m) => m.shape)).toEqual([
      [16, 16, 4],
      [8, 8, 8],
      [4, 4, 16],
    ]);
    expect(result.input.className).not.toBeNull();
  }, 60_000);

  it('leaves no tensors behind', async () => {
    // Warm the run cache first: the rebuilt model's weights are meant to stay.
    await inspector.run({ channel: 'runs.inspectable', request: { runId: 'conv' }, runDir: convRun() });
    const before = tf.memory().numTensors;
    await inspector.run({
      channel: 'runs.filters',
      request: { runId: 'conv', nodeId: 'conv' },
      runDir: convRun(),
    });
    await inspector.run({
      channel: 'runs.activations',
      request: { runId: 'conv', sample: { split: 'validation', index: 2 }, nodeIds: ['conv', 'output'] },
      runDir: convRun(),
    });
    await inspector.run({
      channel: 'runs.evaluate',
      request: { runId: 'conv', limit: 40 },
      runDir: convRun(),
    });
    await inspector.run({
      channel: 'runs.predict',
      request: { runId: 'conv', png: stepPng() },
      runDir: convRun(),
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
