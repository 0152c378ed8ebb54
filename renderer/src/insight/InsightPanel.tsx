import { useEffect, useState } from 'react';
import { requireApi } from '../files/hostStore';
import { ActivationsView } from './ActivationsView';
import { DatasetPreview } from './DatasetPreview';
import { FiltersView } from './FiltersView';
import { GradientCompare } from './GradientFlowView';
import { useInsightStore, type InsightView } from './insightStore';
import { PredictionsView } from './PredictionsView';
import { TemplatesView } from './TemplatesView';
import { CallStatus, useCall } from './useCall';
import './insight.css';
import { runLabel } from '../../../core/training/runLabel';

const VIEWS: { id: InsightView; label: string }[] = [
  { id: 'activations', label: 'Activation maps' },
  { id: 'filters', label: 'Filters' },
  { id: 'templates', label: 'Weight templates' },
  { id: 'gradients', label: 'Gradient flow' },
  { id: 'predictions', label: 'Predictions' },
  { id: 'dataset', label: 'Dataset' },
];

/** Runs newest first; refreshed when a run ends, or by hand. */
function RunPicker({ runId }: { runId: string | null }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    try {
      return requireApi().training.onEvent(({ event }) => {
        const type = (event as { type?: unknown } | null)?.type;
        if (type === 'done' || type === 'failed') setTick((t) => t + 1);
      });
    } catch {
      return undefined;
    }
  }, []);
  const runs = useCall(`runs-${tick}`, (api) => api.runs.list({}));
  const list = runs.status === 'done' ? runs.value : [];
  return (
    <span className="run-picker">
      <label>
        Run{' '}
        <select
          value={runId ?? ''}
          data-testid="insight-run"
          aria-label="Run"
          onChange={(e) => useInsightStore.setState({ runId: e.target.value || null, nodeId: null })}
        >
          <option value="">{list.length === 0 ? 'no runs yet' : 'choose a run…'}</option>
          {list.map((r) => (
            <option key={r.runId} value={r.runId} title={`run ${r.runId}`}>
              {runLabel(r)}
            </option>
          ))}
        </select>
      </label>{' '}
      <button title="Refresh the run list" aria-label="Refresh runs" onClick={() => setTick((t) => t + 1)}>
        ↻
      </button>
    </span>
  );
}

function RunViews({ runId, view }: { runId: string; view: InsightView }) {
  const info = useCall(runId, (api) => api.runs.inspectable({ runId }));
  if (view === 'gradients') return <GradientCompare runId={runId} />;
  if (view === 'predictions') return <PredictionsView runId={runId} />;
  if (info.status !== 'done') return <CallStatus state={info} what="the run’s graph" />;
  const { nodes, classes, dataset } = info.value;
  switch (view) {
    case 'filters':
      return <FiltersView runId={runId} nodes={nodes} />;
    case 'templates':
      return <TemplatesView runId={runId} nodes={nodes} />;
    case 'activations':
      return <ActivationsView runId={runId} nodes={nodes} classes={classes} />;
    case 'dataset':
      return <DatasetPreview initialSpec={dataset} />;
  }
}

/**
 * "Inside": what a trained run learned. Pick a run, then a view; the views
 * ask the engine for weights and activations of the run's final model.
 */
export function InsightPanel() {
  const { runId, view, expanded } = useInsightStore();
  return (
    <div className={expanded ? 'insight-panel expanded' : 'insight-panel'} data-testid="insight-panel">
      <div className="insight-bar">
        <RunPicker runId={runId} />
        <nav className="insight-tabs" role="tablist">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              role="tab"
              aria-selected={view === v.id}
              className={view === v.id ? 'tab active' : 'tab'}
              data-testid={`insight-tab-${v.id}`}
              onClick={() => useInsightStore.setState({ view: v.id })}
            >
              {v.label}
            </button>
          ))}
        </nav>
        <button
          className="insight-expand"
          title={expanded ? 'Back into the panel' : 'Show over the editor'}
          data-testid="insight-expand"
          onClick={() => useInsightStore.setState({ expanded: !expanded })}
        >
          {expanded ? '⤡ Dock' : '⤢ Expand'}
        </button>
      </div>
      <div className="insight-body">
        {runId ? (
          <RunViews key={runId} runId={runId} view={view} />
        ) : view === 'dataset' ? (
          <DatasetPreview initialSpec="digits" />
        ) : (
          <p className="muted">Choose a finished run to look inside it.</p>
        )}
      </div>
    </div>
  );
}
