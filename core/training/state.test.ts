import { describe, expect, it } from 'vitest';
import { trainingEventSchema, type TrainingEvent } from './events';
import { IDLE, MAX_BATCH_POINTS, phaseOf, reduceTrainingState, type TrainingState } from './state';

const batch = (epoch: number, b: number, loss: number | null = 1): TrainingEvent => ({
  type: 'batch',
  epoch,
  batch: b,
  batches: 10,
  loss,
  acc: 0.5,
  imgPerSec: 100,
});
const epoch = (n: number): TrainingEvent => ({
  type: 'epoch',
  epoch: n,
  loss: 1 / n,
  acc: 0.5,
  valLoss: 1,
  valAcc: 0.4,
  valError: 0.6,
  durationMs: 10,
  lr: 0.01,
});

function run(events: TrainingEvent[], from: TrainingState = IDLE): TrainingState {
  return events.reduce(reduceTrainingState, from);
}

describe('reduceTrainingState', () => {
  it('shows a queued run with its place in the queue, then runs it when its slot comes', () => {
    const queued = run([
      { type: 'status', phase: 'compiling' },
      { type: 'status', phase: 'queued', ahead: 2 },
      { type: 'status', phase: 'queued', ahead: 1 },
    ]);
    expect(queued).toMatchObject({ kind: 'queued', ahead: 1 });
    expect(phaseOf(queued)).toBe('queued');
    const started = run(
      [
        { type: 'status', phase: 'compiling' },
        { type: 'status', phase: 'training' },
      ],
      queued,
    );
    expect(phaseOf(started)).toBe('training');
    expect(run([{ type: 'status', phase: 'stopped' }], queued).kind).toBe('stopped');
  });

  it('goes idle → compiling → training and collects batches and epochs', () => {
    const state = run([
      { type: 'status', phase: 'compiling', backend: 'cpu' },
      { type: 'status', phase: 'training' },
      batch(1, 5, 2),
      batch(1, 10, 1.5),
      epoch(1),
    ]);
    expect(state.kind).toBe('running');
    expect(phaseOf(state)).toBe('training');
    if (state.kind !== 'running') throw new Error('unreachable');
    expect(state.backend).toBe('cpu');
    expect(state.batchLoss).toEqual([
      { x: 0.5, loss: 2 },
      { x: 1, loss: 1.5 },
    ]);
    expect(state.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(state.lastBatch?.batch).toBe(10);
  });

  it('pauses and resumes without losing history', () => {
    const paused = run([
      { type: 'status', phase: 'training' },
      batch(1, 1),
      { type: 'status', phase: 'paused' },
    ]);
    expect(paused.kind).toBe('paused');
    const resumed = reduceTrainingState(paused, { type: 'status', phase: 'training' });
    expect(phaseOf(resumed)).toBe('training');
    if (resumed.kind !== 'running') throw new Error('unreachable');
    expect(resumed.batchLoss).toHaveLength(1);
  });

  it('ends in failed with the reason, keeping the curves', () => {
    const state = run([
      { type: 'status', phase: 'training' },
      batch(1, 1),
      { type: 'failed', reason: 'loss became NaN at epoch 1, batch 2', code: 'nan', epoch: 1, batch: 2 },
    ]);
    expect(state.kind).toBe('failed');
    if (state.kind !== 'failed') throw new Error('unreachable');
    expect(state.failure.code).toBe('nan');
    expect(state.batchLoss).toHaveLength(1);
  });

  it('ends in done with the summary; a new run clears the history', () => {
    const done = run([
      { type: 'status', phase: 'training' },
      epoch(1),
      {
        type: 'done',
        summary: {
          epochs: 1,
          stoppedEarly: false,
          stopped: false,
          loss: 0.1,
          acc: 0.9,
          valLoss: 0.2,
          valAcc: 0.8,
          durationMs: 5,
          imgPerSec: 10,
          backend: 'cpu',
          streamOverheadPct: 0.1,
        },
      },
    ]);
    expect(done.kind).toBe('done');
    const fresh = reduceTrainingState(done, { type: 'status', phase: 'compiling' });
    if (fresh.kind !== 'running') throw new Error('unreachable');
    expect(fresh.epochs).toEqual([]);
  });

  it('ignores metrics that arrive after a run has ended', () => {
    const failed = run([{ type: 'failed', reason: 'crash', code: 'crash' }]);
    expect(reduceTrainingState(failed, batch(1, 1))).toBe(failed);
  });

  it('replaces an epoch re-reported after resume and caps batch history', () => {
    let state = run([{ type: 'status', phase: 'training' }, epoch(1), epoch(2), epoch(2)]);
    if (state.kind !== 'running') throw new Error('unreachable');
    expect(state.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    for (let i = 0; i < MAX_BATCH_POINTS + 10; i++) state = reduceTrainingState(state, batch(1, i % 10));
    if (state.kind !== 'running') throw new Error('unreachable');
    expect(state.batchLoss).toHaveLength(MAX_BATCH_POINTS);
  });

  it('skips null (non-finite) losses in the batch curve', () => {
    const state = run([{ type: 'status', phase: 'training' }, batch(1, 1, null)]);
    if (state.kind !== 'running') throw new Error('unreachable');
    expect(state.batchLoss).toEqual([]);
  });
});

describe('trainingEventSchema', () => {
  it('accepts every event the reducer handles and rejects unknown types', () => {
    expect(trainingEventSchema.safeParse(batch(1, 1)).success).toBe(true);
    expect(trainingEventSchema.safeParse(epoch(1)).success).toBe(true);
    expect(trainingEventSchema.safeParse({ type: 'bogus' }).success).toBe(false);
    expect(trainingEventSchema.safeParse({ type: 'failed', reason: 'x', code: 'nope' }).success).toBe(false);
  });
});
