import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { SaveImageButton } from '../insight/SaveImageButton';
import { chartTheme, themedAxis } from './chartTheme';

export type ChartSeries = { label: string; color: string; width?: number; dash?: number[] };

type Props = {
  title: string;
  series: readonly ChartSeries[];
  /** uPlot's aligned data: x first, then one array per series. */
  data: uPlot.AlignedData;
  xLabel: string;
  yLabel: string;
  log?: boolean;
  percent?: boolean;
  height?: number;
  testId: string;
};

function countPoints(data: uPlot.AlignedData): number {
  let max = 0;
  for (const ys of data.slice(1)) {
    let n = 0;
    for (const y of ys) if (y !== null && y !== undefined) n++;
    max = Math.max(max, n);
  }
  return max;
}

/** A chart title as a file name: "Loss (log)" → "loss-log". */
function fileNameOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'chart'
  );
}

/**
 * One uPlot chart in the app's colours: built when its series or scale
 * change, fed new data through setData (cheap; uPlot is made for streaming),
 * resized with its box. The title is a header row with the save button
 * beside it, never under it. The data attributes let tests and people see
 * what it plots.
 */
export function UPlotChart({
  title,
  series,
  data,
  xLabel,
  yLabel,
  log,
  percent,
  height = 200,
  testId,
}: Props) {
  const host = useRef<HTMLDivElement | null>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
  // Epoch curves of short runs have a handful of points: draw them as dots too, or one epoch shows nothing.
  const sparse = data[0].length <= 60;
  const config = useMemo(
    () => JSON.stringify({ title, series, xLabel, yLabel, log, percent, height, sparse }),
    [title, series, xLabel, yLabel, log, percent, height, sparse],
  );

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const spec = JSON.parse(config) as Omit<Props, 'data' | 'testId'> & { sparse: boolean };
    const yValues = (_u: uPlot, values: number[]) =>
      values.map((v) => (spec.percent ? `${Math.round(v * 1000) / 10}%` : String(Math.round(v * 1e4) / 1e4)));
    const theme = chartTheme();
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 240),
        height: spec.height ?? 200,
        scales: { x: { time: false }, y: spec.log ? { distr: 3 } : {} },
        axes: [
          themedAxis({ label: spec.xLabel }, theme),
          themedAxis({ label: spec.yLabel, values: yValues, size: 56 }, theme),
        ],
        series: [
          { label: spec.xLabel },
          ...spec.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.width ?? 1.5,
            spanGaps: true,
            points: { show: spec.sparse, size: Math.max(5, (s.width ?? 1.5) * 2.5), fill: s.color },
            ...(s.dash ? { dash: s.dash } : {}),
          })),
        ],
        legend: { live: false },
      },
      latest.current,
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(element.clientWidth, 240), height: spec.height ?? 200 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [config]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  // uPlot owns the host's children, so the title and save button sit above it in a frame.
  return (
    <figure className="dash-chart-frame">
      <figcaption className="dash-chart-head">
        <span className="dash-chart-title">{title}</span>
        <SaveImageButton target={host} name={fileNameOf(title)} />
      </figcaption>
      <div
        ref={host}
        className="dash-chart"
        data-testid={testId}
        data-title={title}
        data-series-count={series.length}
        data-points={countPoints(data)}
      />
    </figure>
  );
}
