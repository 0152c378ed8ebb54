import { create } from 'zustand';
import { trainingEventSchema } from '../../../core/training/events';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../../../core/training/settings';
import { IDLE, reduceTrainingState, type TrainingState } from '../../../core/training/state';

export interface DatasetChoice {
  id: string;
  description: string;
  available: boolean;
  reason?: string;
}

/**
 * The panel's state, outside the component so it survives switching tabs:
 * the settings form, the current run and its reduced event stream.
 */
interface TrainingStore {
  settings: TrainingSettings;
  datasets: DatasetChoice[];
  runId: string | null;
  run: TrainingState;
  /** A call that failed before any event could say why (e.g. the host refused the start). */
  callError: string | null;
  errorDismissed: boolean;
}

/** Smaller than the CLI's defaults: the editor is for quick looks; the form changes it. */
const PANEL_DEFAULTS: TrainingSettings = { ...DEFAULT_SETTINGS, epochs: 2, limit: 2000 };

export const useTrainingStore = create<TrainingStore>()(() => ({
  settings: PANEL_DEFAULTS,
  datasets: [],
  runId: null,
  run: IDLE,
  callError: null,
  errorDismissed: false,
}));

export function updateSettings(patch: Partial<TrainingSettings>): void {
  useTrainingStore.setState((s) => ({ settings: { ...s.settings, ...patch } }));
}

/** Feeds one `training.event` payload; events of other runs are ignored. */
export function receiveEvent(payload: { runId: string; event: unknown }): void {
  const { runId, run } = useTrainingStore.getState();
  if (payload.runId !== runId) return;
  const parsed = trainingEventSchema.safeParse(payload.event);
  if (!parsed.success) return;
  const next = reduceTrainingState(run, parsed.data);
  if (next !== run) useTrainingStore.setState({ run: next });
}

export function beginRun(runId: string): void {
  useTrainingStore.setState({
    runId,
    run: reduceTrainingState(IDLE, { type: 'status', phase: 'compiling' }),
    callError: null,
    errorDismissed: false,
  });
}

export function isActive(state: TrainingState): boolean {
  return state.kind === 'running' || state.kind === 'paused';
}
