import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpochEvent, TrainingEvent } from '../../../core/training/events';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../../../core/training/settings';
import { loadLatestCheckpoint, restoreCheckpoint, saveCheckpoint } from './checkpoint';
import { RunControl, TrainingFailure } from './control';
import { runTrainingLoop, type LoopState } from './loop';
import { createOptimizer, disposeOptimizer } from './optimizer';
import { syntheticSource, tinyModel, weightBytes } from './testModel';

const settings = (patch: Partial<TrainingSettings> = {}): TrainingSettings => ({
  ...DEFAULT_SETTINGS,
  batchSize: 16,
  epochs: 3,
  gradNormEvery: 2,
  weightDecay: 1e-4,
  ...patch,
});

async function train(opts: {
  s: TrainingSettings;
  seed?: number;
  prefix?: string;
  events?: TrainingEvent[];
  runDir?: string;
  stopAfterEpoch?: number;
  resumeFrom?: string;
  /** Emit every batch (no throttling), so batch events count optimizer steps. */
  everyBatch?: boolean;
}) {
  const model = tinyModel(opts.seed ?? 7, opts.prefix);
  const optimizer = createOptimizer(opts.s.optimizer, opts.s.learningRate);
  let state: LoopState | undefined;
  if (opts.resumeFrom) {
    const checkpoint = await loadLatestCheckpoint(opts.resumeFrom);
    if (!checkpoint) throw new Error('no checkpoint');
    state = await restoreCheckpoint(model, optimizer, checkpoint);
  }
  const control = new RunControl();
  const result = await runTrainingLoop({
    model,
    nodeIdOfLayer: (name) => `node:${name}`,
    optimizer,
    train: syntheticSource(96, 3),
    validation: syntheticSource(32, 4),
    classes: 3,
    settings: opts.s,
    control,
    ...(state ? { state } : {}),
    ...(opts.everyBatch ? { batchEventIntervalMs: 0, streamBudget: Infinity } : {}),
    emit: (e) => opts.events?.push(e),
    onEpochEnd: async (loopState) => {
      if (opts.runDir) await saveCheckpoint(opts.runDir, model, optimizer, loopState);
      if (opts.stopAfterEpoch === loopState.epoch) control.stop();
    },
  });
  const weights = await weightBytes(model);
  model.dispose();
  disposeOptimizer(optimizer);
  return { result, weights };
}

let dir = '';
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'deepwire-loop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runTrainingLoop', () => {
  it('learns the synthetic task and reports epochs, batches and gradient norms by node', async () => {
    const events: TrainingEvent[] = [];
    const { result } = await train({ s: settings({ epochs: 4, learningRate: 0.01 }), events });
    const epochs = events.filter((e): e is EpochEvent => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(epochs[3]!.valAcc).toBeGreaterThan(0.8);
    expect(result.state).toMatchObject({ epoch: 4, step: 24 });
    const norms = events.find((e) => e.type === 'gradNorms');
    expect(norms?.type === 'gradNorms' && norms.layers.map((l) => l.nodeId)).toEqual([
      'node:nconv',
      'node:ndense',
    ]);
    expect(norms?.type === 'gradNorms' && norms.layers.every((l) => (l.norm ?? 0) > 0)).toBe(true);
  });

  it('gives bit-identical weights for the same seed (dropout and batch norm included)', async () => {
    const a = await train({ s: settings({ optimizer: 'adam' }) });
    const b = await train({ s: settings({ optimizer: 'adam' }) });
    expect(a.weights).toEqual(b.weights);
    const c = await train({ s: settings({ optimizer: 'adam', seed: 2 }) });
    expect(c.weights).not.toEqual(a.weights);
  });

  it.each(['adam', 'nesterov', 'rmsprop'] as const)(
    'resumed from a checkpoint ends with the same weights as an uninterrupted run (%s)',
    async (optimizer) => {
      const s = settings({ optimizer, schedule: { kind: 'step', every: 1, gamma: 0.5 }, learningRate: 0.01 });
      const whole = await train({ s });
      const runDir = join(dir, `resume-${optimizer}`);
      const first = await train({ s, runDir, stopAfterEpoch: 1 });
      expect(first.result.state.epoch).toBe(1);
      const rest = await train({ s, resumeFrom: runDir });
      expect(rest.result.state.epoch).toBe(3);
      expect(rest.weights).toEqual(whole.weights);
    },
  );

  it('keeps the tensor count flat across epochs and frees everything afterwards', async () => {
    const baseline = tf.memory().numTensors;
    const events: TrainingEvent[] = [];
    await train({ s: settings({ epochs: 4, optimizer: 'momentum' }), events });
    const counts = events.flatMap((e) => (e.type === 'epoch' ? [e.numTensors] : []));
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('stops on a NaN loss naming the epoch and batch', async () => {
    const model = tinyModel(1);
    const optimizer = createOptimizer('sgd', 0.1);
    const run = runTrainingLoop({
      model,
      nodeIdOfLayer: () => undefined,
      optimizer,
      train: syntheticSource(64, 5, { poison: true }),
      validation: null,
      classes: 3,
      settings: settings({ batchSize: 16, seed: 1 }),
      emit: () => undefined,
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingFailure);
    expect((error as TrainingFailure).code).toBe('nan');
    expect((error as TrainingFailure).message).toMatch(/^loss became NaN at epoch 1, batch \d+$/);
    model.dispose();
    optimizer.dispose();
  });

  it('stops after exactly maxIterations optimizer steps, reports the partial last epoch, and resumes to the same end', async () => {
    // 96 samples at batch 16 are 6 steps an epoch: 8 steps are one whole epoch and 2 steps of the second.
    const s = settings({ epochs: 5, maxIterations: 8, optimizer: 'momentum', learningRate: 0.01 });
    const events: TrainingEvent[] = [];
    const whole = await train({ s, events, everyBatch: true });
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches.map((e) => e.type === 'batch' && `${e.epoch}.${e.batch}`)).toEqual([
      ...['1.1', '1.2', '1.3', '1.4', '1.5', '1.6'],
      ...['2.1', '2.2'],
    ]);
    const epochs = events.filter((e): e is EpochEvent => e.type === 'epoch');
    expect(epochs.map((e) => [e.epoch, e.epochs])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(whole.result.last?.epoch).toBe(2);
    expect(whole.result.state).toMatchObject({ epoch: 2, step: 8 });

    const runDir = join(dir, 'resume-capped');
    await train({ s, runDir, stopAfterEpoch: 1 });
    const rest = await train({ s, resumeFrom: runDir, runDir });
    expect(rest.result.state).toMatchObject({ epoch: 2, step: 8 });
    expect(rest.weights).toEqual(whole.weights);
    // Resumed after the capped last epoch, nothing more trains.
    const again = await train({ s, resumeFrom: runDir });
    expect(again.result.state).toMatchObject({ epoch: 2, step: 8 });
    expect(again.result.last).toBeNull();
  });

  it('pauses between batches, resumes, and stops on request', async () => {
    const model = tinyModel(1);
    const optimizer = createOptimizer('sgd', 0.1);
    const control = new RunControl();
    const phases: string[] = [];
    let batches = 0;
    const result = await runTrainingLoop({
      model,
      nodeIdOfLayer: () => undefined,
      optimizer,
      train: syntheticSource(64, 5),
      validation: null,
      classes: 3,
      settings: settings({ batchSize: 8, epochs: 5 }),
      control,
      batchEventIntervalMs: 0,
      streamBudget: Infinity,
      emit: (e) => {
        if (e.type === 'status') phases.push(e.phase);
        if (e.type === 'status' && e.phase === 'paused') queueMicrotask(() => control.resume());
        if (e.type !== 'batch') return;
        batches++;
        if (batches === 2) control.pause();
        if (batches === 5) control.stop();
      },
    });
    expect(phases).toEqual(['paused', 'training']);
    expect(result.stopped).toBe(true);
    expect(result.state.step).toBe(5);
    model.dispose();
    optimizer.dispose();
  });

  it('throttles batch events with the injected clock but always reports an epoch’s last batch', async () => {
    let clock = 0;
    const events: TrainingEvent[] = [];
    const model = tinyModel(1);
    const optimizer = createOptimizer('sgd', 0.1);
    await runTrainingLoop({
      model,
      nodeIdOfLayer: () => undefined,
      optimizer,
      train: syntheticSource(80, 5),
      validation: null,
      classes: 3,
      settings: settings({ batchSize: 8, epochs: 1, gradNormEvery: 0 }),
      now: () => (clock += 10), // every call advances 10 ms
      emit: (e) => events.push(e),
    });
    const batches = events.filter((e) => e.type === 'batch').map((e) => (e.type === 'batch' ? e.batch : 0));
    expect(batches.length).toBeLessThan(10);
    expect(batches.at(-1)).toBe(10);
    model.dispose();
    optimizer.dispose();
  });

  it('stops early when validation loss stops improving by minDelta', async () => {
    const events: TrainingEvent[] = [];
    const { result } = await train({
      s: settings({ epochs: 6, earlyStopping: { patience: 1, minDelta: 100 } }),
      events,
    });
    // Epoch 1 sets the best loss; no later epoch can beat it by 100, so epoch 2 ends the run.
    expect(result.stoppedEarly).toBe(true);
    expect(result.state.epoch).toBe(2);
  });

  it('builds and serialises one event per batch at most, one gradient-norm event per cadence step, one per epoch', async () => {
    const lines: string[] = [];
    const model = tinyModel(1);
    const optimizer = createOptimizer('adam', 0.01);
    await runTrainingLoop({
      model,
      nodeIdOfLayer: (name) => name,
      optimizer,
      train: syntheticSource(256, 5),
      validation: null,
      classes: 3,
      settings: settings({ batchSize: 8, epochs: 1, gradNormEvery: 5 }),
      batchEventIntervalMs: 0, // every batch: far more than the 10/s the hosts get
      streamBudget: Infinity,
      emit: (e) => lines.push(JSON.stringify(e)),
    });
    const types = lines.map((line) => (JSON.parse(line) as { type: string }).type);
    // 32 batches; gradient norms at steps 0, 5, …, 30; one epoch summary. The real cost is measured by
    // the `done` event's streamOverheadPct, never asserted against the clock here.
    expect(types.filter((t) => t === 'batch')).toHaveLength(32);
    expect(types.filter((t) => t === 'gradNorms')).toHaveLength(7);
    expect(types.filter((t) => t === 'epoch')).toHaveLength(1);
    expect(lines).toHaveLength(40);
    model.dispose();
    disposeOptimizer(optimizer);
  });

  it('thins batch events once they cost more than the stream budget (injected clock), keeping each epoch’s last', async () => {
    let clock = 0;
    const events: TrainingEvent[] = [];
    const model = tinyModel(1);
    const optimizer = createOptimizer('sgd', 0.1);
    const result = await runTrainingLoop({
      model,
      nodeIdOfLayer: () => undefined,
      optimizer,
      train: syntheticSource(256, 5),
      validation: null,
      classes: 3,
      settings: settings({ batchSize: 8, epochs: 1, gradNormEvery: 0 }),
      now: () => (clock += 1), // a step reads the clock a few times: a few ms of training
      batchEventIntervalMs: 0,
      emit: (e) => {
        events.push(e);
        clock += 100; // each event costs far more than 1% of a step
      },
    });
    const batches = events.flatMap((e) => (e.type === 'batch' ? [e.batch] : []));
    expect(batches).toEqual([1, 32]);
    expect(result.streamOverheadPct).toBeGreaterThan(1);
    model.dispose();
    optimizer.dispose();
  });

  it('updates batch-norm moving statistics in training mode', async () => {
    const model = tinyModel(1);
    const before = await model.getLayer('nbn').getWeights()[2]!.data();
    const optimizer = createOptimizer('sgd', 0.01);
    await runTrainingLoop({
      model,
      nodeIdOfLayer: () => undefined,
      optimizer,
      train: syntheticSource(32, 5),
      validation: null,
      classes: 3,
      settings: settings({ batchSize: 8, epochs: 1 }),
      emit: () => undefined,
    });
    const after = await model.getLayer('nbn').getWeights()[2]!.data();
    expect(Array.from(after)).not.toEqual(Array.from(before));
    model.dispose();
    optimizer.dispose();
  });
});
