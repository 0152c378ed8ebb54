import { create } from 'zustand';
import type { MemberRun } from '../../../core/experiment/aggregate';
import { DEFAULT_DEPTHS, MAX_SEEDS, PRESETS, type BudgetPreset } from '../../../core/experiment/plan';
import type { CallResponse } from '../../../core/ipc/contract';
import type { CifarDepth } from '../../../core/templates';
import { loadRun, messageOf, refreshRuns, useDashboard } from '../dashboard/dashboardStore';
import { getApi } from '../platform/api';
import { showToast } from '../store/uiStore';

export type ExperimentStatus = CallResponse<'runs.experiment'>;
export type MemberView = MemberRun;

type ExperimentForm = {
  depths: CifarDepth[];
  dataset: string;
  /** Null: the preset's own. */
  epochs: number | null;
  preset: BudgetPreset;
  limit: number | null;
  /** Comma list as typed, e.g. `1,2,3`; the preset's seeds when empty. */
  seeds: string;
};

export type EstimateView = { key: string; text: string; pending: boolean; measured: boolean };

type ExperimentState = {
  form: ExperimentForm;
  datasets: { id: string; available: boolean }[];
  /** The experiment shown: the one started here, or a past one picked from run history. */
  shownId: string | null;
  live: ExperimentStatus | null;
  starting: boolean;
  estimate: EstimateView | null;
};

export const useExperiment = create<ExperimentState>()(() => ({
  form: {
    depths: [...DEFAULT_DEPTHS],
    dataset: 'shapes',
    epochs: null,
    preset: 'quick',
    limit: null,
    seeds: '',
  },
  datasets: [],
  shownId: null,
  live: null,
  starting: false,
  estimate: null,
}));

/** The typed seeds, or a message naming the problem; empty means the preset's seeds. */
export function parseSeedList(text: string): number[] | string {
  if (text.trim() === '') return [];
  const seeds = text.split(',').map((s) => Number(s.trim()));
  if (seeds.length > MAX_SEEDS || !seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31))
    return `Seeds: up to ${MAX_SEEDS} whole numbers, e.g. 1,2,3`;
  return [...new Set(seeds)];
}

/** The request the form describes (what Run starts and the estimate measures), or why it is not valid. */
export function requestOf(form: ExperimentForm) {
  const seeds = parseSeedList(form.seeds);
  if (typeof seeds === 'string') return seeds;
  return {
    depths: form.depths,
    dataset: form.dataset,
    preset: form.preset,
    seeds: seeds.length > 0 ? seeds : PRESETS[form.preset].seeds,
    ...(form.epochs ? { epochs: form.epochs } : {}),
    ...(form.limit ? { limit: form.limit } : {}),
  };
}

/**
 * Asks the host how long the form's experiment would take here. With
 * `measure` the host runs a short speed probe (once per net and recipe this
 * session); without, it answers only from a speed already measured, so
 * editing the form never starts training.
 */
/** The latest estimate asked for: an older answer (a newer form, or a measurement asked since) is dropped. */
let estimateToken = 0;

export async function refreshEstimate(measure: boolean): Promise<void> {
  const request = requestOf(useExperiment.getState().form);
  if (typeof request === 'string' || request.depths.length === 0) {
    useExperiment.setState({ estimate: null });
    return;
  }
  const key = JSON.stringify(request);
  const current = useExperiment.getState().estimate;
  if (current?.key === key && (current.measured || !measure)) return;
  const token = ++estimateToken;
  useExperiment.setState({
    estimate: { key, text: measure ? 'Measuring this machine’s speed…' : '', pending: true, measured: false },
  });
  let text: string;
  let measured = false;
  try {
    const api = await getApi();
    const answer = await api.training.estimateExperiment({ ...request, measure });
    text = answer.text;
    measured = answer.seconds !== null;
  } catch (error) {
    text = `No estimate: ${messageOf(error)}`;
  }
  if (token === estimateToken) {
    useExperiment.setState({ estimate: { key, text, pending: false, measured } });
  }
}

export function updateForm(patch: Partial<ExperimentForm>): void {
  useExperiment.setState((s) => ({ form: { ...s.form, ...patch } }));
}

/** Fashion-MNIST when this machine has it (the paper-like choice), else the built-in shapes. */
export async function loadDatasets(): Promise<void> {
  try {
    const api = await getApi();
    const list = await api.dataset.list({});
    const fashion = list.find((d) => d.id === 'fashion-mnist' && d.available);
    useExperiment.setState((s) => ({
      datasets: list.map((d) => ({ id: d.id, available: d.available })),
      form: { ...s.form, dataset: fashion ? 'fashion-mnist' : 'shapes' },
    }));
  } catch {
    // The form keeps `shapes`, which every host has.
  }
}

export async function startExperiment(): Promise<void> {
  const { form } = useExperiment.getState();
  useExperiment.setState({ starting: true });
  try {
    const api = await getApi();
    const request = requestOf(form);
    if (typeof request === 'string') throw new Error(request);
    const { experimentId } = await api.training.startExperiment(request);
    useExperiment.setState({ shownId: experimentId, live: null, starting: false });
    await refreshExperiment();
  } catch (error) {
    useExperiment.setState({ starting: false });
    showToast('error', `Could not start the experiment: ${messageOf(error)}`);
  }
}

export async function stopExperiment(): Promise<void> {
  const id = useExperiment.getState().live?.experimentId;
  if (!id) return;
  const api = await getApi();
  await api.training.stopExperiment({ experimentId: id }).catch(() => undefined);
}

/** Continues the shown (stopped) experiment: finished runs are kept, the interrupted one resumes. */
export async function resumeExperiment(): Promise<void> {
  const id = useExperiment.getState().shownId;
  if (!id) return;
  try {
    const api = await getApi();
    await api.training.resumeExperiment({ experimentId: id });
    useExperiment.setState({ live: null });
    await refreshExperiment();
  } catch (error) {
    showToast('error', `Could not resume the experiment: ${messageOf(error)}`);
  }
}

let refreshing: Promise<void> | null = null;

/** Re-reads the running experiment's status and loads finished members' stored runs. */
export function refreshExperiment(): Promise<void> {
  refreshing ??= (async () => {
    const id = useExperiment.getState().shownId;
    const live = useExperiment.getState().live;
    if (!id || (live && live.experimentId === id && live.phase !== 'running')) return;
    try {
      const api = await getApi();
      const status = await api.runs.experiment({ experimentId: id });
      useExperiment.setState({ live: status });
      for (const m of status.members)
        if (m.runId && m.status !== 'running' && m.status !== 'pending') await loadRun(m.runId);
      if (status.phase !== 'running') void refreshRuns();
    } catch {
      // A past experiment (from an earlier session) is not known to the host: it is drawn from run history.
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Called for every training event: a new run id or a run's end means the experiment moved on. */
export function onTrainingEvent(payload: { runId: string; event: unknown }): void {
  const live = useExperiment.getState().live;
  if (!live || live.phase !== 'running') return;
  const type = (payload.event as { type?: unknown }).type;
  const known = live.members.some((m) => m.runId === payload.runId);
  if (
    !known ||
    type === 'done' ||
    type === 'failed' ||
    type === 'epoch' ||
    (type === 'status' && (payload.event as { phase?: unknown }).phase === 'stopped')
  ) {
    void refreshExperiment();
  }
}

/** The members to draw: the live experiment's, or a past one's rebuilt from tagged runs. */
export function membersOf(shownId: string | null, live: ExperimentStatus | null): MemberView[] {
  if (!shownId) return [];
  if (live && live.experimentId === shownId) return live.members;
  return useDashboard
    .getState()
    .runs.filter((r) => r.experiment?.experimentId === shownId)
    .map((r) => ({
      label: r.experiment?.label ?? r.runId,
      depth: r.experiment?.depth ?? 0,
      residual: r.experiment?.residual ?? false,
      seed: r.experiment?.seed ?? r.seed ?? 1,
      runId: r.runId,
      status: r.status ?? r.outcome,
    }))
    .sort((a, b) => Number(a.residual) - Number(b.residual) || a.depth - b.depth || a.seed - b.seed);
}

export function pastExperiments(): string[] {
  const ids = useDashboard.getState().runs.flatMap((r) => (r.experiment ? [r.experiment.experimentId] : []));
  return [...new Set(ids)];
}
