import { aggregateNets, formatStats } from '../../../core/experiment/aggregate';
import { lastValue, minValue, TRAIN_ERROR_LABEL } from '../../../core/experiment/curves';
import { errorByEpochSvg } from '../../../core/experiment/figures';
import { PALETTE, type SvgSeries } from '../../../core/experiment/svgChart';
import { formatCount } from '../../../core/graph/summary';
import type { ItemState } from '../../engine/experiment/sequence';
import { padColumns } from './textTable';

/** What `deepwire compare` prints and draws, from the finished runs: pure, so it is tested without training. */

export type CompareRow = { state: ItemState; params: number; macs: number };

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function compareTable(rows: readonly CompareRow[]): string {
  const header = [
    'graph',
    'params',
    'MACs',
    TRAIN_ERROR_LABEL,
    'val err',
    'best val err',
    'time',
    'backend',
    'status',
  ];
  const body = rows.map(({ state, params, macs }) => [
    state.label,
    formatCount(params),
    formatCount(macs),
    pct(lastValue(state.curves.trainError)),
    pct(lastValue(state.curves.valError)),
    pct(minValue(state.curves.valError)),
    state.durationMs === null ? '—' : `${(state.durationMs / 1000).toFixed(1)} s`,
    state.backend ?? '—',
    state.failure ? `${state.status}: ${state.failure}` : state.status,
  ]);
  return `${padColumns([header, ...body])}\n`;
}

/** With several seeds: one row per graph, final errors as mean ± std (percentage points) over its seeds. */
export function seedTable(rows: readonly (CompareRow & { seed: number })[]): string {
  const nets = aggregateNets(
    rows.map(({ state, seed }) => ({
      label: state.label,
      depth: 0,
      residual: false,
      seed,
      trainError: lastValue(state.curves.trainError),
      valError: lastValue(state.curves.valError),
    })),
  );
  const header = [
    'graph',
    'params',
    'seeds',
    `${TRAIN_ERROR_LABEL} (mean ± std)`,
    'val err (mean ± std)',
    'not done',
  ];
  const body = nets.map((net) => {
    const own = rows.filter((r) => r.state.label === net.label);
    const notDone = own
      .filter((r) => r.state.status !== 'done')
      .map((r) => `seed ${r.seed} ${r.state.status}`)
      .join('; ');
    return [
      net.label,
      formatCount(own[0]?.params ?? 0),
      own.map((r) => r.seed).join(','),
      formatStats(net.trainErr),
      formatStats(net.valErr),
      notDone,
    ];
  });
  return `${padColumns([header, ...body])}\n`;
}

/** The paper's Figure 1 layout: thin lines running training error, bold validation error, one colour per run. */
export function compareFigure(rows: readonly CompareRow[], title: string): string {
  const series: SvgSeries[] = rows.flatMap(({ state }, i) => {
    const color = PALETTE[i % PALETTE.length] ?? '#333';
    const points = (values: (number | null)[]) =>
      state.curves.epoch.map((x, j) => ({ x, y: values[j] ?? null }));
    return [
      {
        label: `${state.label} ${TRAIN_ERROR_LABEL}`,
        color,
        width: 1.2,
        points: points(state.curves.trainError),
      },
      { label: `${state.label} val err`, color, width: 3, points: points(state.curves.valError) },
    ];
  });
  return errorByEpochSvg(series, title);
}
