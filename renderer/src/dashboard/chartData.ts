import type uPlot from 'uplot';
import {
  alignRuns,
  forLogScale,
  TRAIN_ERROR_LABEL,
  type CurveMetric,
  type RunCurves,
} from '../../../core/experiment/curves';
import { smoothSeries } from './smoothing';
import type { ChartSeries } from './UPlotChart';

/** Chart-ready arrays for the dashboard's uPlot charts; log scale drops non-positive values. */

const maybeLog = (values: (number | null)[], log: boolean) => (log ? forLogScale(values) : values);

/** Per-batch loss, raw and smoothed (`smoothing` 0 repeats the raw curve). */
export function batchLossData(c: RunCurves, log: boolean, smoothing = 0): uPlot.AlignedData {
  return [c.batchX, maybeLog(c.batchLoss, log), maybeLog(smoothSeries(c.batchLoss, smoothing), log)];
}

export function epochLossData(c: RunCurves, log: boolean): uPlot.AlignedData {
  return [c.epoch, maybeLog(c.trainLoss, log), maybeLog(c.valLoss, log)];
}

export function errorData(c: RunCurves, log: boolean): uPlot.AlignedData {
  return [c.epoch, maybeLog(c.trainError, log), maybeLog(c.valError, log)];
}

export function batchErrorData(c: RunCurves, log: boolean): uPlot.AlignedData {
  return [c.batchX, maybeLog(c.batchError, log)];
}

/**
 * The rate per batch when the run recorded it, so warm-up and iteration
 * milestones show where they happen; per epoch otherwise (older runs).
 */
export function learningRateData(c: RunCurves): uPlot.AlignedData {
  return c.batchLr.some((lr) => lr !== null) ? [c.batchX, c.batchLr] : [c.epoch, c.lr];
}

export const RUN_COLORS = [
  '#4e9af1',
  '#f15a4e',
  '#5ad17a',
  '#f1b24e',
  '#b07af1',
  '#4ee0f1',
  '#f14eb9',
  '#a0a0a0',
];

export function colorOf(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length] ?? '#888';
}

/**
 * Several runs overlaid: running training error thin, validation error bold, one
 * colour per run (the paper's Figure 1 layout).
 */
export function overlayRuns(
  runs: readonly { label: string; curves: RunCurves }[],
  axis: 'epoch' | 'time',
  metrics: readonly CurveMetric[] = ['trainError', 'valError'],
): { series: ChartSeries[]; data: uPlot.AlignedData } {
  const aligned = alignRuns(
    runs.map((r) => r.curves),
    metrics,
    axis,
  );
  const series = runs.flatMap((run, i) =>
    metrics.map((metric) => ({
      label: `${run.label} ${metric.startsWith('val') ? 'val err' : TRAIN_ERROR_LABEL}`,
      color: colorOf(i),
      width: metric.startsWith('val') ? 3 : 1,
    })),
  );
  return { series, data: [aligned.x, ...aligned.ys] };
}

export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}
