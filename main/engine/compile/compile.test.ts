import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../core/graph/builder';
import { inferGraph } from '../../../core/graph/infer';
import { tf } from '../backends/tf';
import { CompileError, compileGraph, type CompiledGraph } from './index';
import { everyNodeTypeGraph, resnet20Graph } from './test-graphs';

let compiled: CompiledGraph[] = [];
function compile(...args: Parameters<typeof compileGraph>): CompiledGraph {
  const result = compileGraph(...args);
  compiled.push(result);
  return result;
}

function seededInput(shape: number[], seed: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5 + 0.5);
  return tf.tensor(values, shape);
}

function compileError(run: () => unknown): CompileError {
  try {
    run();
  } catch (error) {
    if (error instanceof CompileError) return error;
    throw error;
  }
  throw new Error('expected a CompileError');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  for (const c of compiled) c.model.dispose();
  compiled = [];
});

describe('compileGraph', () => {
  it('builds every node type with the shapes and parameter counts core infers', () => {
    const doc = everyNodeTypeGraph();
    const inference = inferGraph(doc);
    const { model, layerNameOf, nodeIdOfLayer } = compile(doc, { seed: 1 });
    expect(model.countParams()).toBe(inference.totalParams);
    const types = new Set(doc.nodes.map((n) => n.type));
    expect(types.size).toBe(15);
    for (const node of doc.nodes) {
      const layer = model.getLayer(layerNameOf(node.id));
      expect(nodeIdOfLayer(layer.name)).toBe(node.id);
      const shape = (layer.outputShape as (number | null)[]).slice(1);
      expect(shape, node.id).toEqual(inference.nodes[node.id]!.shape);
    }
  });

  it('runs a forward pass whose output is a probability distribution', () => {
    const { model } = compile(everyNodeTypeGraph(), { seed: 2 });
    const before = tf.memory().numTensors;
    const sums = tf.tidy(() =>
      (model.predict(seededInput([3, 12, 12, 3], 1)) as tf.Tensor).sum(1).arraySync(),
    );
    expect(sums).toHaveLength(3);
    for (const sum of sums as number[]) expect(sum).toBeCloseTo(1, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains one step through every node type, dilated conv included', async () => {
    const { model } = compile(everyNodeTypeGraph(), { seed: 3 });
    expect(model.getLayer('dilated').getClassName()).toBe('Deepwire>DilatedConv2D');
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
    const x = seededInput([4, 12, 12, 3], 2);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 5);
    const kernels = () =>
      ['conv_same', 'dilated', 'dense'].map((n) => Array.from(model.getLayer(n).getWeights()[0]!.dataSync()));
    const before = kernels();
    const loss = await model.trainOnBatch(x, y);
    const after = kernels();
    expect(Number.isFinite(loss as number)).toBe(true);
    after.forEach((kernel, i) => expect(kernel).not.toEqual(before[i]));
    tf.dispose([x, y]);
  });

  it('names layers after node ids, sanitising what tfjs rejects, and maps helpers back', () => {
    const c = compile(everyNodeTypeGraph(), { seed: 1 });
    expect(c.layerNameOf('conv same')).toBe('conv_same');
    expect(c.layerNameOf('conv/explicit')).toBe('conv_explicit');
    expect(c.nodeIdOfLayer('conv_explicit__pad')).toBe('conv/explicit');
    expect(c.nodeIdOfLayer('avgpool_explicit__pad')).toBe('avgpool explicit');
    expect(c.nodeIdOfLayer('nonexistent')).toBeUndefined();
    expect(c.inputNodeIds).toEqual(['in']);
    expect(c.outputNodeId).toBe('out');
  });

  it('gives bit-identical initial weights for the same seed, different ones for another', () => {
    const weights = (seed: number) =>
      compile(resnet20Graph(), { seed })
        .model.getWeights()
        .map((w) => Array.from(w.dataSync()));
    const a = weights(42);
    const b = weights(42);
    const c = weights(43);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('expands composites: ResNet-20 has the 0.27M parameters core counts', () => {
    const doc = resnet20Graph();
    const { model, nodeIdOfLayer, layerNameOf } = compile(doc, { seed: 1 });
    expect(model.countParams()).toBe(inferGraph(doc).totalParams);
    expect(model.countParams()).toBe(271_098);
    expect(model.layers.some((l) => nodeIdOfLayer(l.name) === 'stage2.b0.pad')).toBe(true);
    expect(layerNameOf('stage3')).toBe('stage3.b2.relu2');
    expect(model.getLayer(layerNameOf('stage3')).outputShape).toEqual([null, 8, 8, 64]);
  });
});

describe('CompileError', () => {
  it('blames a dense layer fed an image', () => {
    const g = new GraphBuilder('bad dense');
    g.add('input', { height: 8, width: 8, channels: 1 });
    g.add('dense', {}, { id: 'fc' });
    g.add('output', { classes: 2 });
    const error = compileError(() => compileGraph(g.build(), { seed: 1 }));
    expect(error.code).toBe('needs-vector');
    expect(error.nodeId).toBe('fc');
    expect(error.message).toContain('Flatten');
  });

  it('blames an add with one input, stride with dilation, a missing output and a cycle', () => {
    const add = new GraphBuilder('lonely add');
    add.add('input', { height: 4, width: 4, channels: 1 });
    add.add('add', {}, { id: 'sum' });
    add.add('flatten');
    add.add('output', { classes: 2 });
    expect(compileError(() => compileGraph(add.build(), { seed: 1 }))).toMatchObject({
      code: 'missing-input',
      nodeId: 'sum',
    });

    const dilated = new GraphBuilder('strided dilation');
    dilated.add('input', { height: 9, width: 9, channels: 1 });
    dilated.add('conv2d', { stride: 2, dilation: 2 }, { id: 'c' });
    dilated.add('flatten');
    dilated.add('output', { classes: 2 });
    expect(compileError(() => compileGraph(dilated.build(), { seed: 1 }))).toMatchObject({
      code: 'stride-with-dilation',
      nodeId: 'c',
    });

    const headless = new GraphBuilder('no output');
    headless.add('input');
    expect(compileError(() => compileGraph(headless.build(), { seed: 1 }))).toMatchObject({
      code: 'no-output',
    });

    const loop = new GraphBuilder('cycle');
    loop.add('input', { height: 4, width: 4, channels: 1 }, { id: 'in' });
    loop.add('activation', {}, { id: 'a', from: [] });
    loop.add('activation', {}, { id: 'b' });
    loop.add('add', {}, { id: 'sum', from: ['in', 'b'] });
    loop.connect('sum', 'a');
    loop.add('flatten', {}, { from: 'sum' });
    loop.add('output', { classes: 2 });
    expect(compileError(() => compileGraph(loop.build(), { seed: 1 })).code).toBe('cycle');
  });

  it('blames a layer whose output would be empty, and frees the weights built before it', () => {
    const g = new GraphBuilder('too small');
    g.add('input', { height: 2, width: 2, channels: 1 });
    g.add('conv2d', { kernel: 1, padding: 'valid' }, { id: 'small' });
    g.add('conv2d', { kernel: 5, padding: 'valid' }, { id: 'big' });
    g.add('flatten');
    g.add('output', { classes: 2 });
    const before = tf.memory().numTensors;
    expect(compileError(() => compileGraph(g.build(), { seed: 1 })).nodeId).toBe('big');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('CompileError inside a composite', () => {
  it('blames the composite on the canvas and names the inner layer', () => {
    const g = new GraphBuilder('stage without input');
    g.add('input', { height: 8, width: 8, channels: 3 });
    g.add('flatten');
    g.add('residualStage', { blocks: 1, filters: 4 }, { id: 'stage' });
    g.add('globalAvgPool2d');
    g.add('output', { classes: 2 });
    const error = compileError(() => compileGraph(g.build(), { seed: 1 }));
    expect(error.nodeId).toBe('stage');
    expect(error.message).toContain("inside, at 'stage.b0.");
  });
});
