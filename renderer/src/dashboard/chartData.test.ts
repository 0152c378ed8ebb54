import { describe, expect, it } from 'vitest';
import { curvesFromEvents } from '../../../core/experiment/curves';
import type { TrainingEvent } from '../../../core/training/events';
import { errorData, formatSeconds, learningRateData, overlayRuns } from './chartData';
import { applyLiveEvent, etaSeconds, progressOf, type LiveRun } from './liveRuns';

const epoch = (n: number, acc: number, valAcc: number): TrainingEvent => ({
  type: 'epoch',
  epoch: n,
  epochs: 4,
  loss: 0,
  acc,
  valLoss: 1,
  valAcc,
  valError: 1 - valAcc,
  durationMs: 1000 * n,
  lr: 0.1,
});

describe('chart data', () => {
  it('drops zero error on a log axis instead of plotting log(0)', () => {
    const curves = curvesFromEvents([epoch(1, 1, 0.5), epoch(2, 0.75, 0.5)]);
    expect(errorData(curves, false)[1]).toEqual([0, 0.25]);
    expect(errorData(curves, true)[1]).toEqual([null, 0.25]);
  });

  it('overlays runs with thin train and bold validation lines in one colour per run', () => {
    const a = curvesFromEvents([epoch(1, 0.5, 0.5)]);
    const b = curvesFromEvents([epoch(1, 0.6, 0.6), epoch(2, 0.7, 0.7)]);
    const { series, data } = overlayRuns(
      [
        { label: 'a', curves: a },
        { label: 'b', curves: b },
      ],
      'epoch',
    );
    expect(series.map((s) => [s.label, s.width])).toEqual([
      ['a running train err', 1],
      ['a val err', 3],
      ['b running train err', 1],
      ['b val err', 3],
    ]);
    expect(series[0]?.color).toBe(series[1]?.color);
    expect(series[0]?.color).not.toBe(series[2]?.color);
    expect(data).toHaveLength(5);
    expect(data[0]).toEqual([1, 2]);
  });

  it('draws the learning rate per batch when the run recorded it, per epoch for older runs', () => {
    const batch = (b: number, lr?: number): TrainingEvent => ({
      type: 'batch',
      epoch: 1,
      batch: b,
      batches: 4,
      loss: 1,
      acc: 0.5,
      imgPerSec: 1,
      ...(lr === undefined ? {} : { lr }),
    });
    const warm = curvesFromEvents([batch(1, 0.025), batch(2, 0.05), batch(4, 0.1), epoch(1, 0.5, 0.5)]);
    expect(learningRateData(warm)).toEqual([
      [0.25, 0.5, 1],
      [0.025, 0.05, 0.1],
    ]);
    const older = curvesFromEvents([batch(4), epoch(1, 0.5, 0.5)]);
    expect(learningRateData(older)).toEqual([[1], [0.1]]);
  });

  it('formats durations for people', () => {
    expect(formatSeconds(42)).toBe('42 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatSeconds(null)).toBe('—');
  });
});

describe('live runs', () => {
  it('tracks phase, backend and an ETA from the pace so far', () => {
    const run: LiveRun = {
      runId: 'r',
      curves: curvesFromEvents([]),
      phase: 'compiling',
      backend: null,
      lastBatch: null,
      epochsPlanned: 4,
      firstSeen: 0,
      lastSeen: 0,
      failure: null,
    };
    applyLiveEvent(run, { type: 'status', phase: 'training', backend: 'wasm' }, 0);
    applyLiveEvent(
      run,
      { type: 'batch', epoch: 1, batch: 5, batches: 10, loss: 1, acc: 0.5, imgPerSec: 10 },
      10_000,
    );
    expect(run.backend).toBe('wasm');
    expect(progressOf(run)).toBeCloseTo(0.125);
    // 10 s for 1/8 of the run: 70 s to go.
    expect(etaSeconds(run, 10_000)).toBeCloseTo(70);
    applyLiveEvent(run, { type: 'failed', code: 'nan', reason: 'loss became NaN' }, 11_000);
    expect(run.phase).toBe('failed');
    expect(run.failure).toBe('loss became NaN');
  });
});
