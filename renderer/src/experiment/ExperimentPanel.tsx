import { useEffect } from 'react';
import { aggregateNets, formatStats, type SeedRun } from '../../../core/experiment/aggregate';
import {
  lastValue,
  TRAIN_ERROR_KIND,
  TRAIN_ERROR_LABEL,
  type RunCurves,
} from '../../../core/experiment/curves';
import { bandFigure, depthFigure } from '../../../core/experiment/figures';
import {
  BUDGET_PRESETS,
  EXPERIMENT_DEPTHS,
  epochsOf,
  PRESETS,
  recipeOf,
  type BudgetPreset,
} from '../../../core/experiment/plan';
import { summarizeExperiment } from '../../../core/experiment/summary';
import type { CifarDepth } from '../../../core/templates';
import { augmentText, scheduleText } from '../../../core/training/recipeText';
import { loadRun, useDashboard, type LoadedRun } from '../dashboard/dashboardStore';
import { liveRun, useLiveRuns } from '../dashboard/liveRuns';
import { GradientFlowView } from '../insight/GradientFlowView';
import {
  loadDatasets,
  membersOf,
  pastExperiments,
  refreshEstimate,
  refreshExperiment,
  requestOf,
  resumeExperiment,
  startExperiment,
  stopExperiment,
  updateForm,
  useExperiment,
  type MemberView,
} from './experimentStore';

/** A figure from core's SVG writer, shown as an image (no markup of ours enters the page's DOM). */
function SvgFigure({ svg, testId, alt }: { svg: string; testId: string; alt: string }) {
  const bands = svg.match(/data-band="/g)?.length ?? 0;
  return (
    <img
      className="experiment-figure"
      data-testid={testId}
      data-bands={bands}
      alt={alt}
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
    />
  );
}

/** The preset's recipe in words: optimizer, rate, batch, schedule, augmentation. */
function recipeLine(preset: BudgetPreset): string {
  const r = PRESETS[preset].recipe;
  return [
    `${r.optimizer} lr ${r.learningRate}`,
    `batch ${r.batchSize}`,
    `wd ${r.weightDecay}`,
    scheduleText(r.schedule, r.warmupEpochs),
    augmentText(r.augment),
  ]
    .filter(Boolean)
    .join(', ');
}

function EstimateLine() {
  const { form, estimate } = useExperiment();
  useEffect(() => {
    void refreshEstimate(false);
  }, [form]);
  const request = requestOf(form);
  if (typeof request === 'string') return <p className="experiment-estimate">{request}</p>;
  const cap = recipeOf(request).maxIterations;
  return (
    <p className="experiment-estimate" data-testid="exp-estimate" data-pending={estimate?.pending ?? true}>
      {epochsOf(request)} epoch(s)
      {cap === undefined ? '' : ` (stopping at exactly ${cap.toLocaleString('en')} iterations)`} ×{' '}
      {request.seeds.length} seed(s) × {request.depths.length * 2} nets; {recipeLine(request.preset)}.{' '}
      {estimate?.text ?? ''}{' '}
      {!estimate?.measured && (
        <button
          data-testid="exp-estimate-measure"
          disabled={estimate?.pending ?? false}
          title="Trains a few batches of the deepest plain net to measure this machine's speed"
          onClick={() => void refreshEstimate(true)}
        >
          Estimate time
        </button>
      )}
    </p>
  );
}

function ExperimentForm({ running, resumable }: { running: boolean; resumable: boolean }) {
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
          placeholder={String(
            epochsOf({
              depths: form.depths,
              dataset: form.dataset,
              preset: form.preset,
              ...(form.limit ? { limit: form.limit } : {}),
            }),
          )}
          value={form.epochs ?? ''}
          onChange={(e) =>
            updateForm({ epochs: e.target.value ? Math.max(1, Number(e.target.value) || 1) : null })
          }
          data-testid="exp-epochs"
        />
      </label>
      <label>
        Seeds{' '}
        <input
          type="text"
          placeholder={PRESETS[form.preset].seeds.join(',')}
          value={form.seeds}
          onChange={(e) => updateForm({ seeds: e.target.value })}
          data-testid="exp-seeds"
        />
      </label>
      <label>
        Budget{' '}
        <select
          value={form.preset}
          onChange={(e) =>
            updateForm({ preset: BUDGET_PRESETS.find((p) => p === e.target.value) ?? 'quick' })
          }
          data-testid="exp-preset"
        >
          {BUDGET_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESETS[p].title}
            </option>
          ))}
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
      <button
        data-testid="exp-resume"
        disabled={running || !resumable}
        title="Keep the finished runs, continue the interrupted one from its checkpoint, train the rest"
        onClick={() => void resumeExperiment()}
      >
        Resume
      </button>
      <EstimateLine />
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

function seedRunsOf(members: MemberView[], loaded: Record<string, LoadedRun>): SeedRun[] {
  return members.map((m) => {
    const curves = curvesOf(m.runId, loaded);
    return {
      label: m.label,
      depth: m.depth,
      residual: m.residual,
      seed: m.seed,
      trainError: curves ? lastValue(curves.trainError) : null,
      valError: curves ? lastValue(curves.valError) : null,
    };
  });
}

function NetTable({ runs }: { runs: SeedRun[] }) {
  return (
    <table className="experiment-table" data-testid="experiment-table">
      <thead>
        <tr>
          <th>net</th>
          <th>seeds</th>
          <th title={TRAIN_ERROR_KIND}>{TRAIN_ERROR_LABEL} (mean ± std)</th>
          <th>val err (mean ± std)</th>
        </tr>
      </thead>
      <tbody>
        {aggregateNets(runs).map((net) => (
          <tr key={net.label}>
            <td>{net.label}</td>
            <td>{net.trainErr?.values.length ?? 0}</td>
            <td>{formatStats(net.trainErr)}</td>
            <td>{formatStats(net.valErr)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
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
    return curves ? [{ label: m.label, residual: m.residual, curves }] : [];
  });
  const runs = seedRunsOf(members, loaded);
  const finished = members.filter((m) => m.status === 'done');
  const deepest = (residual: boolean) =>
    finished.filter((m) => m.residual === residual).sort((a, b) => b.depth - a.depth)[0]?.runId ?? null;
  const gradientRuns = [deepest(false), deepest(true)].filter((id): id is string => id !== null);
  return (
    <div className="experiment-charts">
      <div className="dash-grid">
        <SvgFigure
          testId="experiment-overlay"
          alt="Error by epoch: seed mean (training thin, validation bold) with the min–max band over seeds"
          svg={bandFigure(withCurves, 'Error by epoch: mean over seeds, min–max shaded')}
        />
        <SvgFigure
          testId="experiment-depth"
          alt="Final running training error by depth, mean with the min–max band over seeds"
          svg={depthFigure(runs)}
        />
      </div>
      <NetTable runs={runs} />
      <p className="experiment-summary" data-testid="experiment-summary">
        {summarizeExperiment(aggregateNets(runs))}
      </p>
      {gradientRuns.length > 0 && (
        <section>
          <h4>Gradient flow: deepest plain vs residual net (first seed)</h4>
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
      <ExperimentForm
        running={running}
        resumable={phase !== 'idle' && members.some((m) => m.status !== 'done')}
      />
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
            <li key={`${m.label}/${m.seed}`} data-status={m.status}>
              {m.label} seed {m.seed}: {m.status}
            </li>
          ))}
        </ul>
      )}
      {members.length > 0 && <ExperimentCharts members={members} />}
    </div>
  );
}
