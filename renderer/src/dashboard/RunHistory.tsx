import { useEffect } from 'react';
import { runLabel } from '../../../core/training/runLabel';
import { GraphSvg } from '../compare/GraphSvg';
import { ExportButton } from '../export/ExportDialog';
import { getApi } from '../platform/api';
import { askConfirm, showToast } from '../store/uiStore';
import { epochLossData, errorData, formatPercent, formatSeconds } from './chartData';
import { loadRun, messageOf, refreshRuns, toggleSelected, useDashboard, type RunRow } from './dashboardStore';
import { openRerun, RerunEditor } from './RerunEditor';
import { Thumbnail } from './Thumbnail';
import { UPlotChart } from './UPlotChart';
import { TRAIN_ERROR_LABEL } from '../../../core/experiment/curves';

const ERROR_SERIES = [
  { label: TRAIN_ERROR_LABEL, color: '#4e9af1', width: 1.5 },
  { label: 'val error', color: '#b07af1', width: 3 },
];
const LOSS_SERIES = [
  { label: 'train loss', color: '#f1b24e', width: 1.5 },
  { label: 'val loss', color: '#f15a4e', width: 3 },
];

async function remove(row: RunRow): Promise<void> {
  const sure = await askConfirm(
    'Delete run?',
    `Delete run ${row.runId} (${row.graphName ?? 'graph'}) with its checkpoints and model? This cannot be undone.`,
    'Delete',
  );
  if (!sure) return;
  try {
    const api = await getApi();
    await api.runs.delete({ runId: row.runId });
    useDashboard.setState((s) => ({
      selected: s.selected.filter((id) => id !== row.runId),
      detailRunId: s.detailRunId === row.runId ? null : s.detailRunId,
    }));
    await refreshRuns();
  } catch (error) {
    showToast('error', `Could not delete: ${messageOf(error)}`);
  }
}

function RunDetail({ runId }: { runId: string }) {
  const run = useDashboard((s) => s.loaded[runId]);
  useEffect(() => {
    void loadRun(runId);
  }, [runId]);
  if (!run) return <div className="dash-empty">Loading run {runId}…</div>;
  return (
    <div className="run-detail" data-testid="run-detail" data-run-id={runId}>
      <h3>
        {run.document?.name ?? runId} <small>{runId}</small>
      </h3>
      <div className="dash-grid">
        <UPlotChart
          testId="run-detail-error"
          title="Error per epoch"
          series={ERROR_SERIES}
          data={errorData(run.curves, false)}
          xLabel="epoch"
          yLabel="error"
          percent
        />
        <UPlotChart
          testId="run-detail-loss"
          title="Loss per epoch"
          series={LOSS_SERIES}
          data={epochLossData(run.curves, false)}
          xLabel="epoch"
          yLabel="loss"
        />
      </div>
      <h4>Graph as trained</h4>
      {run.document ? (
        <GraphSvg testId="run-detail-graph" document={run.document} height={240} />
      ) : (
        <p>The stored graph could not be read.</p>
      )}
    </div>
  );
}

/** Every run of the project: status, thumbnail, dataset, settings, best val accuracy, duration. */
export function RunHistory() {
  const { runs, runsLoading, selected, detailRunId } = useDashboard();
  useEffect(() => {
    void refreshRuns();
  }, []);
  return (
    <div
      className="run-history"
      data-testid="run-history"
      data-count={runs.length}
      data-loading={runsLoading}
    >
      <div className="dash-toolbar">
        <button onClick={() => void refreshRuns()}>Refresh</button>
        <button
          data-testid="history-compare"
          disabled={selected.length < 2}
          onClick={() => useDashboard.setState({ view: 'compare' })}
        >
          Compare {selected.length} selected
        </button>
      </div>
      <table className="run-table">
        <thead>
          <tr>
            <th />
            <th>Graph</th>
            <th>Run</th>
            <th>Status</th>
            <th>Dataset</th>
            <th>Settings</th>
            <th>Best val acc</th>
            <th>Duration</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.map((row) => (
            <tr
              key={row.runId}
              data-testid="run-row"
              data-run-id={row.runId}
              data-status={row.status ?? row.outcome}
            >
              <td>
                <input
                  type="checkbox"
                  aria-label={`select ${row.runId}`}
                  data-testid="run-select"
                  checked={selected.includes(row.runId)}
                  onChange={() => toggleSelected(row.runId)}
                />
              </td>
              <td>
                <Thumbnail thumbnail={row.thumbnail} /> {row.experiment?.label ?? row.graphName ?? ''}
              </td>
              <td className="mono">{row.runId}</td>
              <td title={row.failure}>{row.status ?? row.outcome}</td>
              <td>{row.dataset}</td>
              <td>{row.settingsSummary ?? ''}</td>
              <td>{formatPercent(row.bestValAcc ?? row.valAcc)}</td>
              <td>{formatSeconds(row.durationMs ? row.durationMs / 1000 : null)}</td>
              <td className="run-actions">
                <button
                  data-testid="run-open"
                  onClick={() => useDashboard.setState({ detailRunId: row.runId })}
                >
                  Open
                </button>
                <button data-testid="run-rerun" onClick={() => void openRerun(row.runId)}>
                  Re-run
                </button>
                {(row.status ?? row.outcome) === 'done' && (
                  <ExportButton runId={row.runId} label={runLabel(row)} />
                )}
                <button
                  disabled={row.status === 'running'}
                  onClick={() => void remove(row)}
                  data-testid="run-delete"
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <RerunEditor />
      {runs.length === 0 && !runsLoading && <div className="dash-empty">No runs yet.</div>}
      {detailRunId && <RunDetail runId={detailRunId} />}
    </div>
  );
}
