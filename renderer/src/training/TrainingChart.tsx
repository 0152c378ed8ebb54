import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrainingState } from '../../../core/training/state';

type Progress = Exclude<TrainingState, { kind: 'idle' }>;

const BATCH_SERIES: uPlot.Series[] = [
  { label: 'epoch' },
  { label: 'batch loss', stroke: '#7aa7ff', width: 1 },
];
const EPOCH_SERIES: uPlot.Series[] = [
  { label: 'epoch' },
  { label: 'loss', stroke: '#ff9f5a', width: 2, scale: 'loss' },
  { label: 'val loss', stroke: '#ff5a7a', width: 2, dash: [6, 4], scale: 'loss' },
  { label: 'acc', stroke: '#5ad17a', width: 2, scale: 'acc' },
  { label: 'val acc', stroke: '#c3f05a', width: 2, dash: [6, 4], scale: 'acc' },
];

function batchData(run: Progress): uPlot.AlignedData {
  return [run.batchLoss.map((p) => p.x), run.batchLoss.map((p) => p.loss)];
}

function epochData(run: Progress): uPlot.AlignedData {
  const epochs = run.epochs;
  return [
    epochs.map((e) => e.epoch),
    epochs.map((e) => e.loss),
    epochs.map((e) => e.valLoss),
    epochs.map((e) => e.acc),
    epochs.map((e) => e.valAcc),
  ];
}

function useUplot(
  host: React.RefObject<HTMLDivElement | null>,
  title: string,
  series: uPlot.Series[],
  axes: uPlot.Axis[],
  scales: uPlot.Scales,
  data: uPlot.AlignedData,
) {
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const chart = new uPlot(
      {
        title,
        width: Math.max(element.clientWidth, 240),
        height: 160,
        series,
        axes,
        scales,
        legend: { live: false },
      },
      [[], ...series.slice(1).map(() => [])],
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(element.clientWidth, 240), height: 160 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // The chart is built once; data flows in through setData below.
  }, [host, title, series, axes, scales]);
  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);
}

const BATCH_AXES: uPlot.Axis[] = [{ label: 'epoch' }, { label: 'loss' }];
const EPOCH_AXES: uPlot.Axis[] = [
  { label: 'epoch' },
  { scale: 'loss', label: 'loss' },
  { scale: 'acc', side: 1, label: 'accuracy' },
];
const BATCH_SCALES: uPlot.Scales = { x: { time: false } };
const EPOCH_SCALES: uPlot.Scales = { x: { time: false }, acc: { range: [0, 1] } };

/** Live loss (per batch) and loss/accuracy per epoch, train vs validation. */
export function TrainingChart({ run }: { run: Progress }) {
  const batchHost = useRef<HTMLDivElement | null>(null);
  const epochHost = useRef<HTMLDivElement | null>(null);
  useUplot(batchHost, 'Loss per batch', BATCH_SERIES, BATCH_AXES, BATCH_SCALES, batchData(run));
  useUplot(epochHost, 'Per epoch', EPOCH_SERIES, EPOCH_AXES, EPOCH_SCALES, epochData(run));
  return (
    <div
      className="train-chart"
      data-testid="train-chart"
      data-points={run.batchLoss.length}
      data-epochs={run.epochs.length}
    >
      <div ref={batchHost} className="train-chart-plot" />
      <div ref={epochHost} className="train-chart-plot" />
    </div>
  );
}
