import type { EpochEvent, TrainingEvent } from '../training/events';

/**
 * Chart-ready curves of one run, shaped from its event stream (live or read
 * back from metrics.jsonl). Error is 1 − accuracy; null marks a missing or
 * non-finite value so a chart leaves a gap instead of drawing a lie.
 */
export type RunCurves = {
  epoch: number[];
  /** Seconds of training up to the end of each epoch (sum of epoch durations). */
  wallSec: number[];
  trainLoss: (number | null)[];
  valLoss: (number | null)[];
  trainError: (number | null)[];
  valError: (number | null)[];
  lr: number[];
  /** Per-batch loss, x = fractional epoch. */
  batchX: number[];
  batchLoss: (number | null)[];
  batchError: (number | null)[];
  /** Per-batch learning rate at batchX (null for events from runs that did not record it). */
  batchLr: (number | null)[];
};

/**
 * How training error is counted, as every chart, table and report names it:
 * the mean over the epoch's batches as they trained (training mode: dropout
 * on, batch norm on batch statistics, weights still moving between batches),
 * not a pass over the training set after the epoch.
 */
export const TRAIN_ERROR_KIND = 'running mean over the epoch, training mode';
/** The short name for column heads and legends. */
export const TRAIN_ERROR_LABEL = 'running train err';

export function emptyCurves(): RunCurves {
  return {
    epoch: [],
    wallSec: [],
    trainLoss: [],
    valLoss: [],
    trainError: [],
    valError: [],
    lr: [],
    batchX: [],
    batchLoss: [],
    batchError: [],
    batchLr: [],
  };
}

const errorOf = (acc: number | null): number | null => (acc === null ? null : 1 - acc);

function valErrorOf(event: EpochEvent): number | null {
  return event.valError ?? errorOf(event.valAcc);
}

/**
 * Appends one event in place (the dashboard feeds thousands per run, so
 * copying arrays per event would be quadratic). An epoch seen again after a
 * resume replaces the later part of the history.
 */
export function appendEvent(curves: RunCurves, event: TrainingEvent): void {
  if (event.type === 'batch') {
    const x = event.epoch - 1 + event.batch / Math.max(event.batches, 1);
    curves.batchX.push(x);
    curves.batchLoss.push(event.loss);
    curves.batchError.push(errorOf(event.acc));
    curves.batchLr.push(event.lr ?? null);
    return;
  }
  if (event.type !== 'epoch') return;
  const at = curves.epoch.findIndex((e) => e >= event.epoch);
  if (at >= 0) truncateEpochs(curves, at);
  const previous = curves.wallSec[curves.wallSec.length - 1] ?? 0;
  curves.epoch.push(event.epoch);
  curves.wallSec.push(previous + event.durationMs / 1000);
  curves.trainLoss.push(event.loss);
  curves.valLoss.push(event.valLoss);
  curves.trainError.push(errorOf(event.acc));
  curves.valError.push(valErrorOf(event));
  curves.lr.push(event.lr);
}

function truncateEpochs(curves: RunCurves, length: number): void {
  for (const key of ['epoch', 'wallSec', 'trainLoss', 'valLoss', 'trainError', 'valError', 'lr'] as const) {
    curves[key].length = length;
  }
}

export function curvesFromEvents(events: readonly TrainingEvent[]): RunCurves {
  const curves = emptyCurves();
  for (const event of events) appendEvent(curves, event);
  return curves;
}

export type CurveMetric = 'trainError' | 'valError' | 'trainLoss' | 'valLoss';

/** uPlot's layout: one shared, sorted x array and one y array per series, null where a series has no point. */
export type AlignedSeries = { x: number[]; ys: (number | null)[][] };

/**
 * Puts several runs on one x axis (epoch or wall time): the union of their
 * x values, each run's metric placed at its own x and null elsewhere.
 */
export function alignRuns(
  runs: readonly RunCurves[],
  metrics: readonly CurveMetric[],
  axis: 'epoch' | 'time',
): AlignedSeries {
  const xsOf = (c: RunCurves) => (axis === 'epoch' ? c.epoch : c.wallSec);
  const x = [...new Set(runs.flatMap(xsOf))].sort((a, b) => a - b);
  const index = new Map(x.map((value, i) => [value, i]));
  const ys: (number | null)[][] = [];
  for (const run of runs) {
    const xs = xsOf(run);
    for (const metric of metrics) {
      const column: (number | null)[] = new Array<number | null>(x.length).fill(null);
      xs.forEach((value, i) => {
        const at = index.get(value);
        if (at !== undefined) column[at] = run[metric][i] ?? null;
      });
      ys.push(column);
    }
  }
  return { x, ys };
}

/** The last non-null value: a run's "final" error even when its last epoch had no validation. */
export function lastValue(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

export function minValue(values: readonly (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || v < best)) best = v;
  return best;
}

/** Replaces non-positive values by null, so a log-scale axis never sees log(0). */
export function forLogScale(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v !== null && v > 0 ? v : null));
}
