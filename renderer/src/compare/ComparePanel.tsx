import { useEffect, useState } from 'react';
import { lastValue, minValue, TRAIN_ERROR_KIND, TRAIN_ERROR_LABEL } from '../../../core/experiment/curves';
import { describeDiff, diffGraphs, markFor } from '../../../core/graph/diff';
import { formatCount } from '../../../core/graph/summary';
import { colorOf, formatPercent, formatSeconds, overlayRuns } from '../dashboard/chartData';
import { loadRun, useDashboard, type LoadedRun, type RunRow } from '../dashboard/dashboardStore';
import { UPlotChart } from '../dashboard/UPlotChart';
import { GraphSvg } from './GraphSvg';

function labelOf(row: RunRow | undefined, runId: string): string {
  return row?.experiment?.label ?? row?.graphName ?? runId;
}

function CompareTable({ runs, rows }: { runs: LoadedRun[]; rows: Map<string, RunRow> }) {
  return (
    <table className="run-table" data-testid="compare-table">
      <thead>
        <tr>
          <th>Run</th>
          <th>Params</th>
          <th>MACs</th>
          <th title={TRAIN_ERROR_KIND}>Best {TRAIN_ERROR_LABEL}</th>
          <th title={TRAIN_ERROR_KIND}>Final {TRAIN_ERROR_LABEL}</th>
          <th>Best val err</th>
          <th>Final val err</th>
          <th>Time</th>
          <th>Backend</th>
          <th>Seed</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run, i) => {
          const row = rows.get(run.runId);
          return (
            <tr key={run.runId}>
              <td>
                <span className="swatch" style={{ background: colorOf(i) }} /> {labelOf(row, run.runId)}
              </td>
              <td>{row?.params !== undefined ? formatCount(row.params) : '—'}</td>
              <td>{row?.macs !== undefined ? formatCount(row.macs) : '—'}</td>
              <td>{formatPercent(minValue(run.curves.trainError))}</td>
              <td>{formatPercent(lastValue(run.curves.trainError))}</td>
              <td>{formatPercent(minValue(run.curves.valError))}</td>
              <td>{formatPercent(lastValue(run.curves.valError))}</td>
              <td>{formatSeconds(row?.durationMs ? row.durationMs / 1000 : null)}</td>
              <td>{row?.backend ?? '—'}</td>
              <td>{row?.seed ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The selected runs' graphs side by side, each marked against the first (the baseline). */
function GraphDiffs({ runs, rows }: { runs: LoadedRun[]; rows: Map<string, RunRow> }) {
  const [base, ...others] = runs;
  if (!base?.document) return null;
  const baseDoc = base.document;
  return (
    <div className="compare-graphs" data-testid="compare-graphs">
      {others.map((other) => {
        if (!other.document) return null;
        const diff = diffGraphs(baseDoc, other.document);
        const lines = describeDiff(diff);
        return (
          <div
            key={other.runId}
            className="compare-pair"
            data-testid="graph-diff"
            data-changes={diff.added.length + diff.removed.length + diff.changed.length}
          >
            <div className="compare-side">
              <h4>{labelOf(rows.get(base.runId), base.runId)} (baseline)</h4>
              <GraphSvg
                testId="diff-graph-before"
                document={baseDoc}
                marks={(id) => markFor(diff, id, 'before')}
              />
            </div>
            <div className="compare-side">
              <h4>{labelOf(rows.get(other.runId), other.runId)}</h4>
              <GraphSvg
                testId="diff-graph-after"
                document={other.document}
                marks={(id) => markFor(diff, id, 'after')}
              />
            </div>
            <ul className="diff-lines" data-testid="diff-lines">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

/** Any runs side by side: overlaid curves by epoch or wall time, a table and the graph diff. */
export function ComparePanel() {
  const { selected, runs: rows, loaded } = useDashboard();
  const [axis, setAxis] = useState<'epoch' | 'time'>('epoch');
  useEffect(() => {
    for (const runId of selected) void loadRun(runId);
  }, [selected]);
  const runs = selected.flatMap((id) => (loaded[id] ? [loaded[id]] : []));
  const byId = new Map(rows.map((r) => [r.runId, r]));
  if (selected.length < 2) {
    return (
      <div className="dash-empty" data-testid="compare-panel" data-ready="false">
        Tick two or more runs in History to compare them.
      </div>
    );
  }
  const overlay = overlayRuns(
    runs.map((r) => ({ label: labelOf(byId.get(r.runId), r.runId), curves: r.curves })),
    axis,
  );
  return (
    <div className="compare-panel" data-testid="compare-panel" data-ready={runs.length === selected.length}>
      <div className="dash-toolbar">
        <label>
          x axis{' '}
          <select
            value={axis}
            onChange={(e) => setAxis(e.target.value === 'time' ? 'time' : 'epoch')}
            data-testid="compare-axis"
          >
            <option value="epoch">epoch</option>
            <option value="time">wall time (s)</option>
          </select>
        </label>
        <span className="hint" title={TRAIN_ERROR_KIND}>
          thin: running training error · bold: validation error
        </span>
      </div>
      <UPlotChart
        testId="compare-chart"
        title="Error: training (thin) and validation (bold)"
        series={overlay.series}
        data={overlay.data}
        xLabel={axis === 'epoch' ? 'epoch' : 'seconds'}
        yLabel="error"
        percent
        height={260}
      />
      <CompareTable runs={runs} rows={byId} />
      <GraphDiffs runs={runs} rows={byId} />
    </div>
  );
}
