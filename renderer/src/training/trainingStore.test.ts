import { beforeEach, describe, expect, it } from 'vitest';
import { IDLE } from '../../../core/training/state';
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
});
