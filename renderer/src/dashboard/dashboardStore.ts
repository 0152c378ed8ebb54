import { create } from 'zustand';
import { curvesFromEvents, type RunCurves } from '../../../core/experiment/curves';
import { parseDocument } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import type { CallResponse } from '../../../core/ipc/contract';
import { trainingEventSchema, type TrainingEvent } from '../../../core/training/events';
import { getApi } from '../platform/api';
import { showToast } from '../store/uiStore';

export type RunRow = CallResponse<'runs.list'>[number];
export type DashboardView = 'live' | 'history' | 'compare' | 'experiment';

/** A stored run, loaded once for charts and its graph as trained. */
export type LoadedRun = {
  runId: string;
  document: GraphDocument | null;
  settings: unknown;
  curves: RunCurves;
  events: TrainingEvent[];
};

type DashboardState = {
  open: boolean;
  view: DashboardView;
  runs: RunRow[];
  runsLoading: boolean;
  /** Runs ticked for comparison, in the order they were ticked. */
  selected: string[];
  detailRunId: string | null;
  loaded: Record<string, LoadedRun>;
};

export const useDashboard = create<DashboardState>()(() => ({
  open: false,
  view: 'live',
  runs: [],
  runsLoading: false,
  selected: [],
  detailRunId: null,
  loaded: {},
}));

export function openDashboard(view: DashboardView): void {
  useDashboard.setState({ open: true, view });
  if (view !== 'live') void refreshRuns();
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

export async function refreshRuns(): Promise<void> {
  useDashboard.setState({ runsLoading: true });
  try {
    const api = await getApi();
    const runs = await api.runs.list({});
    useDashboard.setState({ runs, runsLoading: false });
  } catch (error) {
    useDashboard.setState({ runsLoading: false });
    showToast('error', `Could not list runs: ${messageOf(error)}`);
  }
}

/** Loads a run's stored events and graph; finished runs are cached, running ones are always re-read. */
export async function loadRun(runId: string, force = false): Promise<LoadedRun | null> {
  const cached = useDashboard.getState().loaded[runId];
  if (cached && !force) return cached;
  try {
    const api = await getApi();
    const raw = await api.runs.get({ runId });
    const events = raw.events.flatMap((e) => {
      const parsed = trainingEventSchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
    const doc = parseDocument(raw.document);
    const loaded: LoadedRun = {
      runId,
      document: doc.ok ? doc.document : null,
      settings: raw.settings,
      curves: curvesFromEvents(events),
      events,
    };
    useDashboard.setState((s) => ({ loaded: { ...s.loaded, [runId]: loaded } }));
    return loaded;
  } catch (error) {
    showToast('error', `Could not open run ${runId}: ${messageOf(error)}`);
    return null;
  }
}

export function toggleSelected(runId: string): void {
  useDashboard.setState((s) => ({
    selected: s.selected.includes(runId) ? s.selected.filter((id) => id !== runId) : [...s.selected, runId],
  }));
}
