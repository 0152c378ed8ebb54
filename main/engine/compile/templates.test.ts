import { beforeAll, describe, expect, it } from 'vitest';
import { inferGraph } from '../../../core/graph/infer';
import { TEMPLATES } from '../../../core/templates';
import { tf } from '../backends/tf';
import { compileGraph } from './index';

/**
 * Compiling allocates every weight (and seeds it in JS), so the ImageNet-size
 * templates — AlexNet 62M, VGG-11/16/19 133–144M parameters, 0.25–0.6 GB of
 * float32 each — are left out here: they use only node types the smaller
 * templates already cross-check, and core counts them. (AlexNet was checked
 * by hand: 62,378,344 = core, 12 s to compile on one core.)
 */
const MAX_ALLOCATED_PARAMS = 20_000_000;

const cases = TEMPLATES.map((t) => {
  const doc = t.build();
  return { id: t.id, doc, inference: inferGraph(doc) };
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('compiled templates have the parameter counts core infers', () => {
  it('covers the catalogue, skipping only the ImageNet giants', () => {
    const skipped = cases.filter((c) => c.inference.totalParams > MAX_ALLOCATED_PARAMS).map((c) => c.id);
    expect(skipped.every((id) => /^(alexnet|vgg(11|16|19))$/.test(id))).toBe(true);
    expect(cases.length - skipped.length).toBeGreaterThanOrEqual(10);
  });

  it.each(
    cases.filter((c) => c.inference.totalParams <= MAX_ALLOCATED_PARAMS).map((c) => [c.id, c] as const),
  )('%s', (_id, { doc, inference }) => {
    const before = tf.memory().numTensors;
    const { model } = compileGraph(doc, { seed: 1 });
    const trainable = model.trainableWeights.reduce(
      (sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
      0,
    );
    expect(model.countParams()).toBe(inference.totalParams);
    expect(trainable).toBe(inference.trainableParams);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
