import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../core/training/settings';
import { IDLE } from '../../../core/training/state';
import { runTiming } from './progress';
import { statusText } from './statusText';
import { beginRun, isActive, receiveEvent, useTrainingStore } from './trainingStore';

beforeEach(() => useTrainingStore.setState({ runId: null, run: IDLE }));

describe('the training panel store', () => {
  it('shows a run queued before its start call answered as queued, with its place', () => {
    // The host announces the queue while training.start is still answering.
    receiveEvent({ runId: 'r2', event: { type: 'status', phase: 'queued', ahead: 1 } });
    receiveEvent({ runId: 'other', event: { type: 'status', phase: 'training' } });
    beginRun('r2');
    const { run } = useTrainingStore.getState();
    expect(run).toMatchObject({ kind: 'queued', ahead: 1 });
    expect(statusText(run)).toMatch(/^Queued \(1 ahead\)/);
    expect(isActive(run)).toBe(true); // Stop stays enabled for a queued run, Train disabled

    receiveEvent({ runId: 'r2', event: { type: 'status', phase: 'queued', ahead: 0 } });
    expect(statusText(useTrainingStore.getState().run)).toMatch(/^Queued \(0 ahead\)/);
    receiveEvent({ runId: 'r2', event: { type: 'status', phase: 'stopped' } });
    expect(useTrainingStore.getState().run.kind).toBe('stopped');
  });

  it('starts a run whose events have not arrived yet as compiling', () => {
    beginRun('r3');
    expect(useTrainingStore.getState().run).toMatchObject({ kind: 'running', phase: 'compiling' });
  });

  it('shows epoch x/N, elapsed and ETA from the first batch, before any epoch ends', () => {
    const settings = { ...DEFAULT_SETTINGS, epochs: 2 };
    beginRun('r4', settings, 0);
    const batch = (n: number) => ({
      type: 'batch',
      epoch: 1,
      batch: n,
      batches: 10,
      loss: 1,
      acc: 0.5,
      imgPerSec: 320,
    });
    receiveEvent({ runId: 'r4', event: { type: 'status', phase: 'training' } }, 1000);
    receiveEvent({ runId: 'r4', event: batch(1) }, 4000);
    receiveEvent({ runId: 'r4', event: batch(5) }, 8000);
    const { run, clock, runSettings } = useTrainingStore.getState();
    if (run.kind === 'idle' || !run.lastBatch || !clock || !runSettings) throw new Error('no batch');
    const text = statusText(run, runTiming(runSettings, run.lastBatch, clock, 8000));
    // 4 of 20 batches in the 4 s since the first batch: 15 batches, 15 s to go.
    expect(text).toBe('training · Epoch 1/2 · batch 5/10 · 320 img/s · elapsed 8 s · ETA 15 s');
  });
});
