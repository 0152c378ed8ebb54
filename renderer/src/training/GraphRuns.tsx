import { useEffect, useState } from 'react';
import type { CallResponse } from '../../../core/ipc/api';
import { runLabel } from '../../../core/training/runLabel';
import { ExportButton } from '../export/ExportDialog';
import { getApi } from '../platform/api';

type RunRow = CallResponse<'runs.list'>[number];

interface GraphRunsProps {
  /** The open graph's identity; runs of other graphs are never offered. */
  graphId: string | undefined;
  /** A run the panel has just seen finish: listed even if its folder does not say so yet. */
  finishedRunId: string | null;
}

/** The open graph's finished runs, newest first, each named by graph, dataset, date and result, with Export…. */
export function GraphRuns({ graphId, finishedRunId }: GraphRunsProps) {
  const [rows, setRows] = useState<RunRow[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const done = (r: RunRow) => (r.status ?? r.outcome) === 'done' || r.runId === finishedRunId;
    getApi()
      .then((api) => api.runs.list({}))
      .then((list) => {
        if (!cancelled)
          setRows(list.filter((r) => graphId !== undefined && r.graphId === graphId && done(r)));
      })
      .catch(() => {
        if (!cancelled) setRows([]);
      });
    return () => {
      cancelled = true;
    };
  }, [graphId, finishedRunId]);

  if (rows === null) return null;
  const chosen = rows.find((r) => r.runId === picked) ?? rows[0];
  if (!chosen)
    return (
      <span className="graph-runs-empty" data-testid="graph-runs-empty">
        No finished runs of this graph yet
      </span>
    );
  return (
    <span className="graph-runs" data-testid="graph-runs" data-count={rows.length}>
      <select
        data-testid="graph-run-picker"
        aria-label="Finished runs of this graph"
        value={chosen.runId}
        onChange={(e) => setPicked(e.target.value)}
      >
        {rows.map((r) => (
          <option key={r.runId} value={r.runId} title={`run ${r.runId}`}>
            {runLabel(r)}
          </option>
        ))}
      </select>
      <ExportButton runId={chosen.runId} label={runLabel(chosen)} />
    </span>
  );
}
