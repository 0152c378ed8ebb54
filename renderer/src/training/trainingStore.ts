import { create } from 'zustand';
import { trainingEventSchema } from '../../../core/training/events';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../../../core/training/settings';
import { IDLE, reduceTrainingState, type TrainingState } from '../../../core/training/state';
import { epochsToRun } from '../../../core/training/settings';
import { runFraction, type RunClock } from './progress';

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
  /** The settings the followed run started with (the form may change meanwhile). */
  runSettings: TrainingSettings | null;
  clock: RunClock | null;
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
  runSettings: null,
  clock: null,
}));

/**
 * Events of runs this panel does not follow (yet): a run's first events,
 * `queued` among them, can arrive before `training.start` has answered with
 * its id. The last few of a few recent runs are kept, unparsed, for `beginRun`.
 */
const early = new Map<string, unknown[]>();
const EARLY_RUNS = 8;
const EARLY_EVENTS = 16;

function keepEarly(runId: string, event: unknown): void {
  const kept = early.get(runId) ?? [];
  early.delete(runId);
  early.set(runId, [...kept.slice(-(EARLY_EVENTS - 1)), event]);
  for (const oldest of early.keys()) {
    if (early.size <= EARLY_RUNS) break;
    early.delete(oldest);
  }
}

function reduceRaw(state: TrainingState, raw: unknown): TrainingState {
  const parsed = trainingEventSchema.safeParse(raw);
  return parsed.success ? reduceTrainingState(state, parsed.data) : state;
}

/** Feeds one `training.event` payload; events of other runs are kept briefly (see `early`). */
export function receiveEvent(payload: { runId: string; event: unknown }, now = Date.now()): void {
  const { runId, run } = useTrainingStore.getState();
  if (payload.runId !== runId) {
    keepEarly(payload.runId, payload.event);
    return;
  }
  const next = reduceRaw(run, payload.event);
  if (next !== run) useTrainingStore.setState({ run: next, ...firstBatchClock(next, now) });
}

/** Marks where the first batch came, so the ETA is paced by training alone. */
function firstBatchClock(run: TrainingState, now: number): { clock?: RunClock } {
  const { clock, runSettings } = useTrainingStore.getState();
  if (!clock || clock.firstBatch || !runSettings || run.kind === 'idle' || !run.lastBatch) return {};
  const batch = run.lastBatch;
  const fraction = runFraction(batch, epochsToRun(runSettings, batch.batches));
  return { clock: { ...clock, firstBatch: { at: now, fraction } } };
}

/** Follows a run the page started with `settings`; its events from now on feed the panel. */
export function beginRun(
  runId: string,
  settings: TrainingSettings = useTrainingStore.getState().settings,
  now = Date.now(),
): void {
  const arrived = early.get(runId) ?? [];
  early.clear();
  useTrainingStore.setState({
    runSettings: settings,
    clock: { startedAt: now, firstBatch: null },
    runId,
    run: arrived.reduce(reduceRaw, reduceTrainingState(IDLE, { type: 'status', phase: 'compiling' })),
    callError: null,
    errorDismissed: false,
  });
}

export function isActive(state: TrainingState): boolean {
  return state.kind === 'running' || state.kind === 'paused' || state.kind === 'queued';
}
