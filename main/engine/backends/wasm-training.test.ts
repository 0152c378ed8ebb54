import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import { everyNodeTypeGraph, resnet20Graph } from '../compile/test-graphs';
import { initBackend, tf } from './index';

function seeded(shape: number[], seed: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, (_, i) => Math.sin(i * 0.37 + seed) * 0.5 + 0.5),
    shape,
  );
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Trains a step on wasm: nothing throws for a missing gradient kernel, weights move, nothing leaks. */
async function trainOneStep(docName: 'every' | 'resnet20', batch: number): Promise<void> {
  const doc = docName === 'every' ? everyNodeTypeGraph() : resnet20Graph();
  const input = doc.nodes.find((n) => n.type === 'input');
  if (input?.type !== 'input') throw new Error('graph without input');
  const { height, width, channels } = input.params;
  const { model } = compileGraph(doc, { seed: 1 });
  const classes = model.outputs[0]!.shape[1] as number;
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
  const x = seeded([batch, height, width, channels], 1);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: batch }, (_, i) => i % classes),
      'int32',
    ),
    classes,
  );
  const firstConv = model.layers.find((l) => l.getClassName() === 'Conv2D')!;
  const before = Array.from(firstConv.getWeights()[0]!.dataSync());
  await model.trainOnBatch(x, y); // the first step builds the optimizer's slots
  const baseline = tf.memory().numTensors;
  const loss = await model.trainOnBatch(x, y);
  expect(tf.memory().numTensors).toBe(baseline);
  expect(Number.isFinite(loss as number)).toBe(true);
  expect(Array.from(firstConv.getWeights()[0]!.dataSync())).not.toEqual(before);
  tf.dispose([x, y]);
  model.optimizer.dispose();
  model.dispose();
}

describe('training on the wasm backend', () => {
  it('trains a step through every node type', async () => {
    await initBackend({ force: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    await trainOneStep('every', 8);
  });

  it('trains a ResNet-20 step (32×32×3, batch 32)', async () => {
    await initBackend({ force: 'wasm' });
    await trainOneStep('resnet20', 32);
  }, 120_000);
});
