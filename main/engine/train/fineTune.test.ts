import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../core/graph/builder';
import type { GraphDocument } from '../../../core/graph/schema';
import { buildLeNet5 } from '../../../core/templates/classic';
import type { TrainingEvent } from '../../../core/training/events';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../../../core/training/settings';
import { readModelFolder } from './checkpoint';
import { runSession } from './session';

const root = mkdtempSync(join(tmpdir(), 'deepwire-finetune-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const base: TrainingSettings = {
  ...DEFAULT_SETTINGS,
  dataset: 'digits',
  limit: 128,
  epochs: 1,
  batchSize: 32,
  validationSplit: 0,
  gradNormEvery: 0,
};

async function train(name: string, document: GraphDocument, settings: Partial<TrainingSettings>) {
  const events: TrainingEvent[] = [];
  const summary = await runSession({
    runId: name,
    runDir: join(root, name),
    start: { document, settings: { ...base, ...settings } },
    emit: (e) => events.push(e),
  });
  const failed = events.find((e) => e.type === 'failed');
  expect(failed).toBeUndefined();
  expect(summary).not.toBeNull();
  return events;
}

/** The final weights of a run, by tfjs weight name, as raw bytes. */
async function finalWeights(name: string): Promise<Map<string, Uint8Array>> {
  const { weightSpecs, weightData } = await readModelFolder(join(root, name, 'model'));
  const tensors = tf.io.decodeWeights(new Uint8Array(weightData).buffer, weightSpecs);
  const out = new Map<string, Uint8Array>();
  for (const [key, tensor] of Object.entries(tensors)) {
    const values = tensor.dataSync();
    out.set(key, new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice());
    tensor.dispose();
  }
  return out;
}

function freeze(doc: GraphDocument, ids: string[]): GraphDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (ids.includes(n.id) ? { ...n, trainable: false } : n)) };
}

/** A conv stage with batch norm, so a frozen BN's moving statistics are checked too. */
function convBnGraph(): GraphDocument {
  const g = new GraphBuilder('conv-bn');
  g.add('input', { height: 28, width: 28, channels: 1 }, { id: 'input' });
  g.add('conv2d', { filters: 4, kernel: 3, padding: 'same' }, { id: 'conv' });
  g.add('batchNorm', {}, { id: 'bn' });
  g.add('activation', { fn: 'relu' }, { id: 'relu' });
  g.add('maxPool2d', { pool: 2, stride: 2 }, { id: 'pool' });
  g.add('flatten', {}, { id: 'flatten' });
  g.add('output', { classes: 10 }, { id: 'output' });
  return g.build();
}

const FASHION = { dataset: 'fashion-mnist:/usr/share/datasets/fashion-mnist', limit: 128, seed: 7 };
/** Two short trainings per test on a shared CI machine: generous, never a speed check. */
const SLOW = 600_000;

describe.each(['cpu', 'wasm'] as const)('fine-tuning on the %s backend', (backend) => {
  it(
    'keeps the frozen conv stages of a trained LeNet-5 bit-identical while fine-tuning on Fashion-MNIST',
    async () => {
      const source = `lenet-${backend}`;
      await train(source, buildLeNet5(), { backend });
      const tuned = `lenet-${backend}-tuned`;
      const events = await train(tuned, freeze(buildLeNet5(), ['c1', 'c3']), {
        ...FASHION,
        backend,
        initFrom: source,
      });
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'status',
          message: expect.stringMatching(/10 of 10 weights loaded/),
        }),
      );
      const before = await finalWeights(source);
      const after = await finalWeights(tuned);
      for (const name of ['c1/kernel', 'c1/bias', 'c3/kernel', 'c3/bias'])
        expect(Buffer.from(after.get(name)!).equals(Buffer.from(before.get(name)!)), name).toBe(true);
      for (const name of ['f5/kernel', 'output/kernel'])
        expect(Buffer.from(after.get(name)!).equals(Buffer.from(before.get(name)!)), name).toBe(false);
    },
    SLOW,
  );

  it(
    'keeps a frozen batch norm’s moving statistics as loaded',
    async () => {
      const source = `bn-${backend}`;
      await train(source, convBnGraph(), { backend });
      const tuned = `bn-${backend}-tuned`;
      await train(tuned, freeze(convBnGraph(), ['conv', 'bn']), { ...FASHION, backend, initFrom: source });
      const before = await finalWeights(source);
      const after = await finalWeights(tuned);
      for (const name of ['conv/kernel', 'bn/gamma', 'bn/beta', 'bn/moving_mean', 'bn/moving_variance'])
        expect(Buffer.from(after.get(name)!).equals(Buffer.from(before.get(name)!)), name).toBe(true);
      expect(Buffer.from(after.get('output/kernel')!).equals(Buffer.from(before.get('output/kernel')!))).toBe(
        false,
      );
    },
    SLOW,
  );
});
