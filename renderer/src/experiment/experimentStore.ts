import { create } from 'zustand';
import { DEFAULT_DEPTHS, type BudgetPreset } from '../../../core/experiment/plan';
import type { CallResponse } from '../../../core/ipc/contract';
import type { CifarDepth } from '../../../core/templates';
import { loadRun, messageOf, refreshRuns, useDashboard } from '../dashboard/dashboardStore';
import { getApi } from '../platform/api';
import { showToast } from '../store/uiStore';

export type ExperimentStatus = CallResponse<'runs.experiment'>;
export type MemberView = {
  label: string;
  depth: number;
  residual: boolean;
  runId: string | null;
  status: string;
};

type ExperimentForm = {
  depths: CifarDepth[];
  dataset: string;
  epochs: number;
  preset: BudgetPreset;
  limit: number | null;
};

type ExperimentState = {
  form: ExperimentForm;
  datasets: { id: string; available: boolean }[];
  /** The experiment shown: the one started here, or a past one picked from run history. */
  shownId: string | null;
  live: ExperimentStatus | null;
  starting: boolean;
};

export const useExperiment = create<ExperimentState>()(() => ({
  form: { depths: [...DEFAULT_DEPTHS], dataset: 'shapes', epochs: 3, preset: 'quick', limit: null },
  datasets: [],
  shownId: null,
  live: null,
  starting: false,
}));

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
    const { experimentId } = await api.training.startExperiment({
      depths: form.depths,
      dataset: form.dataset,
      epochs: form.epochs,
      preset: form.preset,
      ...(form.limit ? { limit: form.limit } : {}),
    });
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
      runId: r.runId,
      status: r.status ?? r.outcome,
    }))
    .sort((a, b) => Number(a.residual) - Number(b.residual) || a.depth - b.depth);
}

export function pastExperiments(): string[] {
  const ids = useDashboard.getState().runs.flatMap((r) => (r.experiment ? [r.experiment.experimentId] : []));
  return [...new Set(ids)];
}
