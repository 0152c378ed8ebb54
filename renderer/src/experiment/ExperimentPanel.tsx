import { useEffect } from 'react';
import { lastValue, type RunCurves } from '../../../core/experiment/curves';
import { EXPERIMENT_DEPTHS, PRESETS } from '../../../core/experiment/plan';
import { errorByDepth, summarizeExperiment, type MemberResult } from '../../../core/experiment/summary';
import type { CifarDepth } from '../../../core/templates';
import { overlayRuns } from '../dashboard/chartData';
import { loadRun, useDashboard, type LoadedRun } from '../dashboard/dashboardStore';
import { liveRun, useLiveRuns } from '../dashboard/liveRuns';
import { UPlotChart } from '../dashboard/UPlotChart';
import { GradientFlowView } from '../insight/GradientFlowView';
import {
  loadDatasets,
  membersOf,
  pastExperiments,
  refreshExperiment,
  startExperiment,
  stopExperiment,
  updateForm,
  useExperiment,
  type MemberView,
} from './experimentStore';

const DEPTH_SERIES = [
  { label: 'plain', color: '#f15a4e', width: 3 },
  { label: 'residual', color: '#4e9af1', width: 3 },
];

function ExperimentForm({ running }: { running: boolean }) {
  const { form, datasets, starting } = useExperiment();
  const toggleDepth = (depth: CifarDepth) =>
    updateForm({
      depths: form.depths.includes(depth) ? form.depths.filter((d) => d !== depth) : [...form.depths, depth],
    });
  return (
    <div className="experiment-form" data-testid="experiment-form">
      <fieldset>
        <legend>Depths</legend>
        {EXPERIMENT_DEPTHS.map((d) => (
          <label key={d}>
            <input
              type="checkbox"
              checked={form.depths.includes(d)}
              onChange={() => toggleDepth(d)}
              data-testid={`exp-depth-${d}`}
            />{' '}
            {d}
          </label>
        ))}
      </fieldset>
      <label>
        Dataset{' '}
        <select
          value={form.dataset}
          onChange={(e) => updateForm({ dataset: e.target.value })}
          data-testid="exp-dataset"
        >
          {(datasets.length > 0 ? datasets : [{ id: 'shapes', available: true }]).map((d) => (
            <option key={d.id} value={d.id} disabled={!d.available}>
              {d.id}
            </option>
          ))}
        </select>
      </label>
      <label>
        Epochs{' '}
        <input
          type="number"
          min={1}
          max={1000}
          value={form.epochs}
          onChange={(e) => updateForm({ epochs: Math.max(1, Number(e.target.value) || 1) })}
          data-testid="exp-epochs"
        />
      </label>
      <label>
        Budget{' '}
        <select
          value={form.preset}
          onChange={(e) => updateForm({ preset: e.target.value === 'paper' ? 'paper' : 'quick' })}
          data-testid="exp-preset"
        >
          <option value="quick">{PRESETS.quick.title}</option>
          <option value="paper">{PRESETS.paper.title}</option>
        </select>
      </label>
      <label>
        Samples{' '}
        <input
          type="number"
          min={1}
          placeholder={PRESETS[form.preset].limit ? String(PRESETS[form.preset].limit) : 'all'}
          value={form.limit ?? ''}
          onChange={(e) => updateForm({ limit: e.target.value ? Math.max(1, Number(e.target.value)) : null })}
          data-testid="exp-limit"
        />
      </label>
      <button
        data-testid="exp-start"
        disabled={running || starting || form.depths.length === 0}
        onClick={() => void startExperiment()}
      >
        Run experiment
      </button>
      <button disabled={!running} onClick={() => void stopExperiment()}>
        Stop
      </button>
    </div>
  );
}

/** Live curves while a run trains; the stored ones when they are more complete (the window opened mid-run). */
function curvesOf(runId: string | null, loaded: Record<string, LoadedRun>): RunCurves | null {
  if (!runId) return null;
  const live = liveRun(runId)?.curves;
  const stored = loaded[runId]?.curves;
  if (live && stored) return stored.epoch.length > live.epoch.length ? stored : live;
  return live ?? stored ?? null;
}

function resultsOf(members: MemberView[]): (MemberResult & { runId: string | null })[] {
  const loaded = useDashboard.getState().loaded;
  return members.map((m) => {
    const curves = curvesOf(m.runId, loaded);
    return {
      label: m.label,
      depth: m.depth,
      residual: m.residual,
      runId: m.runId,
      trainError: curves ? lastValue(curves.trainError) : null,
      valError: curves ? lastValue(curves.valError) : null,
    };
  });
}

function ExperimentCharts({ members }: { members: MemberView[] }) {
  useLiveRuns((s) => s.version);
  const loaded = useDashboard((s) => s.loaded);
  const runIds = members.map((m) => (m.status === 'pending' || m.status === 'running' ? null : m.runId));
  const finishedKey = runIds.join('|');
  useEffect(() => {
    // A past experiment's runs (or ones that ran before this window opened) are drawn from their stored events.
    for (const runId of finishedKey.split('|')) if (runId) void loadRun(runId);
  }, [finishedKey]);
  const withCurves = members.flatMap((m) => {
    const curves = curvesOf(m.runId, loaded);
    return curves ? [{ label: m.label, curves }] : [];
  });
  const overlay = overlayRuns(withCurves, 'epoch');
  const results = resultsOf(members);
  const byDepth = errorByDepth(results);
  const finished = members.filter((m) => m.status === 'done');
  const deepest = (residual: boolean) =>
    finished.filter((m) => m.residual === residual).sort((a, b) => b.depth - a.depth)[0]?.runId ?? null;
  const gradientRuns = [deepest(false), deepest(true)].filter((id): id is string => id !== null);
  return (
    <div className="experiment-charts">
      <div className="dash-grid">
        <UPlotChart
          testId="experiment-overlay"
          title="Error by epoch: training (thin), validation (bold)"
          series={overlay.series}
          data={overlay.data}
          xLabel="epoch"
          yLabel="error"
          percent
          height={260}
        />
        <UPlotChart
          testId="experiment-depth"
          title="Final training error by depth"
          series={DEPTH_SERIES}
          data={[byDepth.depths, byDepth.plain, byDepth.residual]}
          xLabel="layers"
          yLabel="training error"
          percent
          height={260}
        />
      </div>
      <p className="experiment-summary" data-testid="experiment-summary">
        {summarizeExperiment(results)}
      </p>
      {gradientRuns.length > 0 && (
        <section>
          <h4>Gradient flow: deepest plain vs residual net</h4>
          <GradientFlowView runIds={gradientRuns} width={520} />
        </section>
      )}
    </div>
  );
}

/** The degradation experiment: plain-N vs ResNet-N, one click, trained one after another. */
export function ExperimentPanel() {
  const { shownId, live } = useExperiment();
  useDashboard((s) => s.runs);
  useEffect(() => {
    void loadDatasets();
    void refreshExperiment();
  }, []);
  const members = membersOf(shownId, live);
  const running = live?.phase === 'running';
  const past = pastExperiments();
  const phase = live && live.experimentId === shownId ? live.phase : shownId ? 'done' : 'idle';
  return (
    <div
      className="experiment-panel"
      data-testid="experiment-panel"
      data-phase={phase}
      data-members={members.length}
    >
      <ExperimentForm running={running} />
      {past.length > 0 && (
        <label className="experiment-past">
          Show experiment{' '}
          <select
            value={shownId ?? ''}
            onChange={(e) => useExperiment.setState({ shownId: e.target.value || null })}
            data-testid="exp-show"
          >
            <option value="">—</option>
            {past.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      )}
      {members.length > 0 && (
        <ul className="experiment-members" data-testid="experiment-members">
          {members.map((m) => (
            <li key={m.label} data-status={m.status}>
              {m.label}: {m.status}
            </li>
          ))}
        </ul>
      )}
      {members.length > 0 && <ExperimentCharts members={members} />}
    </div>
  );
}
