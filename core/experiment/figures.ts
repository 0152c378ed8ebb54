import { aggregateNets, bandOf, type SeedRun } from './aggregate';
import { TRAIN_ERROR_LABEL, type RunCurves } from './curves';
import { errorByDepth } from './summary';
import { renderLineChartSvg, type SvgSeries } from './svgChart';

/**
 * The experiment's figures with their seed spread: the CLI writes them as
 * files and the experiment panel draws them, so both show the same picture.
 */

const PLAIN_COLOR = '#d62728';
const RESIDUAL_COLOR = '#1f77b4';

/** Error (0–100%) against epoch: the axes every error-by-epoch figure shares. */
export function errorByEpochSvg(series: SvgSeries[], title: string): string {
  return renderLineChartSvg(series, {
    title,
    xLabel: 'epoch',
    yLabel: 'error',
    percentY: true,
    yRange: [0, 1],
  });
}

/**
 * Error by epoch per net: the seed mean as a line (running training error thin, validation
 * bold) with its min–max band shaded, plain nets red, residual blue, deeper darker.
 */
export function bandFigure(
  runs: readonly { label: string; residual: boolean; curves: RunCurves }[],
  title: string,
  /** Colour per net; plain red and residual blue by default. */
  colorOf: (label: string, index: number, residual: boolean) => string = (_l, _i, residual) =>
    residual ? RESIDUAL_COLOR : PLAIN_COLOR,
): string {
  const labels = [...new Set(runs.map((r) => r.label))];
  const series: SvgSeries[] = labels.flatMap((label) => {
    const own = runs.filter((r) => r.label === label);
    const color = colorOf(label, labels.indexOf(label), own[0]?.residual ?? false);
    const line = (metric: 'trainError' | 'valError', width: number, suffix: string): SvgSeries => {
      const band = bandOf(own.map((r) => ({ x: r.curves.epoch, y: r.curves[metric] })));
      return {
        label: `${label} ${suffix}`,
        color,
        width,
        dashed: width < 2 && labels.indexOf(label) % 2 === 1,
        points: band.x.map((x, i) => ({ x, y: band.mean[i] ?? null })),
        band: band.x.map((x, i) => ({ x, lo: band.min[i] ?? null, hi: band.max[i] ?? null })),
      };
    };
    return [line('trainError', 1.2, TRAIN_ERROR_LABEL), line('valError', 3, 'val err')];
  });
  return errorByEpochSvg(series, title);
}

/** Mean final training error by depth, with each net's seed min–max as a band. */
export function depthFigure(members: readonly SeedRun[]): string {
  const nets = aggregateNets(members);
  const byDepth = errorByDepth(nets);
  const line = (residual: boolean): SvgSeries => ({
    label: residual ? 'residual' : 'plain',
    color: residual ? RESIDUAL_COLOR : PLAIN_COLOR,
    width: 2.5,
    points: byDepth.depths.map((x, i) => ({
      x,
      y: (residual ? byDepth.residual : byDepth.plain)[i] ?? null,
    })),
    band: byDepth.depths.map((x) => {
      const s = nets.find((n) => n.depth === x && n.residual === residual)?.trainErr;
      return { x, lo: s?.min ?? null, hi: s?.max ?? null };
    }),
  });
  return renderLineChartSvg([line(false), line(true)], {
    title: `Final ${TRAIN_ERROR_LABEL} by depth (mean, min–max over seeds)`,
    xLabel: 'layers',
    yLabel: TRAIN_ERROR_LABEL,
    percentY: true,
  });
}
