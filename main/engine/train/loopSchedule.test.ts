import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../core/training/events';
import { DEFAULT_SETTINGS, learningRateAt, type TrainingSettings } from '../../../core/training/settings';
import { runTrainingLoop } from './loop';
import { createOptimizer, disposeOptimizer } from './optimizer';
import { syntheticSource, tinyModel } from './testModel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function lrEvents(settings: TrainingSettings): Promise<TrainingEvent[]> {
  const events: TrainingEvent[] = [];
  const model = tinyModel(3);
  const optimizer = createOptimizer(settings.optimizer, settings.learningRate);
  await runTrainingLoop({
    model,
    nodeIdOfLayer: () => undefined,
    optimizer,
    train: syntheticSource(96, 3),
    validation: null,
    classes: 3,
    settings,
    emit: (e) => events.push(e),
  });
  model.dispose();
  disposeOptimizer(optimizer);
  return events;
}

describe('learning-rate schedule in the loop', () => {
  it('trains with milestones counted in iterations, and each batch event carries its rate', async () => {
    // 96 samples in batches of 16: 6 iterations per epoch; ÷10 at iterations 3 and 8.
    const settings: TrainingSettings = {
      ...DEFAULT_SETTINGS,
      optimizer: 'sgd',
      learningRate: 0.1,
      batchSize: 16,
      epochs: 2,
      gradNormEvery: 0,
      schedule: { kind: 'multistep', milestones: [3, 8], unit: 'iteration', gamma: 0.1 },
    };
    const events = await lrEvents(settings);
    const epochLr = events.flatMap((e) => (e.type === 'epoch' ? [e.lr] : []));
    expect(epochLr[0]).toBeCloseTo(0.01, 12); // the last iteration of epoch 1 is 5 (≥ 3)
    expect(epochLr[1]).toBeCloseTo(0.001, 12); // iteration 11 (≥ 8)
    const batches = events.flatMap((e) => (e.type === 'batch' ? [e] : []));
    expect(batches.length).toBeGreaterThanOrEqual(2);
    for (const b of batches) {
      expect(b.lr).toBe(learningRateAt(settings, b.epoch - 1, (b.batch - 1) / b.batches, b.batches));
    }
  }, 60_000);
});
