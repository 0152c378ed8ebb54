import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { TrainingState } from '../../../core/training/state';
import { smoothSeries } from '../dashboard/smoothing';
import { SmoothingSlider, useSmoothing } from '../dashboard/SmoothingSlider';
import { UPlotChart, type ChartSeries } from '../dashboard/UPlotChart';

type Progress = Exclude<TrainingState, { kind: 'idle' }>;

/** Raw per-batch loss faint, its smoothing bold: the trend reads through the noise, as in TensorBoard. */
export const BATCH_LOSS_SERIES: readonly ChartSeries[] = [
  { label: 'batch loss', color: 'rgba(122, 167, 255, 0.35)', width: 1 },
  { label: 'smoothed', color: '#7aa7ff', width: 2 },
];
const LOSS_SERIES: readonly ChartSeries[] = [
  { label: 'train loss', color: '#f1b24e', width: 1.5 },
  { label: 'val loss', color: '#f15a4e', width: 3 },
];
const ACC_SERIES: readonly ChartSeries[] = [
  { label: 'train acc', color: '#4e9af1', width: 1.5 },
  { label: 'val acc', color: '#b07af1', width: 3 },
];

/** Live loss per batch (smoothed) and loss and accuracy per epoch, train vs validation. */
export function TrainingChart({ run }: { run: Progress }) {
  const weight = useSmoothing((s) => s.weight);
  const batch = useMemo((): uPlot.AlignedData => {
    const losses = run.batchLoss.map((p) => p.loss);
    return [run.batchLoss.map((p) => p.x), losses, smoothSeries(losses, weight)];
  }, [run.batchLoss, weight]);
  const epochs = run.epochs;
  const x = epochs.map((e) => e.epoch);
  return (
    <div
      className="train-chart"
      data-testid="train-chart"
      data-points={run.batchLoss.length}
      data-epochs={run.epochs.length}
    >
      <div className="train-chart-tools">
        <SmoothingSlider />
      </div>
      <div className="train-chart-grid">
        <UPlotChart
          testId="train-chart-batch"
          title="Loss per batch"
          series={BATCH_LOSS_SERIES}
          data={batch}
          xLabel="epoch"
          yLabel="loss"
          height={150}
        />
        <UPlotChart
          testId="train-chart-loss"
          title="Loss per epoch"
          series={LOSS_SERIES}
          data={[x, epochs.map((e) => e.loss), epochs.map((e) => e.valLoss)]}
          xLabel="epoch"
          yLabel="loss"
          height={150}
        />
        <UPlotChart
          testId="train-chart-acc"
          title="Accuracy per epoch"
          series={ACC_SERIES}
          data={[x, epochs.map((e) => e.acc), epochs.map((e) => e.valAcc)]}
          xLabel="epoch"
          yLabel="accuracy"
          percent
          height={150}
        />
      </div>
    </div>
  );
}
