import { create } from 'zustand';
import { appendEvent, emptyCurves, type RunCurves } from '../../../core/experiment/curves';
import { trainingEventSchema, type BatchEvent, type TrainingEvent } from '../../../core/training/events';
import { showToast } from '../store/uiStore';

/**
 * Every run this window has heard about, fed from `training.event`. Curves
 * grow in place (a run sends thousands of batches) and the store's `version`
 * is bumped at most once per animation frame, so charts redraw smoothly
 * however fast events arrive.
 */
export type LiveRun = {
  runId: string;
  curves: RunCurves;
  phase: string;
  backend: string | null;
  lastBatch: BatchEvent | null;
  epochsPlanned: number | null;
  /** Wall-clock ms of the first and latest event, for elapsed time and ETA. */
  firstSeen: number;
  lastSeen: number;
  failure: string | null;
};

/** `follow`: the dashboard shows each new run as it starts, until the user picks one. */
type LiveState = { version: number; focusRunId: string | null; follow: boolean };

export const useLiveRuns = create<LiveState>()(() => ({ version: 0, focusRunId: null, follow: true }));

const runs = new Map<string, LiveRun>();
let framePending = false;

export function liveRun(runId: string | null): LiveRun | undefined {
  return runId === null ? undefined : runs.get(runId);
}

export function liveRunIds(): string[] {
  return [...runs.keys()];
}

function scheduleRender(): void {
  if (framePending) return;
  framePending = true;
  const flush = () => {
    framePending = false;
    useLiveRuns.setState((s) => ({ version: s.version + 1 }));
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  else flush();
}

function runFor(runId: string, now: number): LiveRun {
  let run = runs.get(runId);
  if (!run) {
    run = {
      runId,
      curves: emptyCurves(),
      phase: 'compiling',
      backend: null,
      lastBatch: null,
      epochsPlanned: null,
      firstSeen: now,
      lastSeen: now,
      failure: null,
    };
    runs.set(runId, run);
  }
  return run;
}

export function applyLiveEvent(run: LiveRun, event: TrainingEvent, now: number): void {
  run.lastSeen = now;
  appendEvent(run.curves, event);
  switch (event.type) {
    case 'status':
      // A resumed run starts compiling again: its elapsed time restarts with it.
      if (event.phase === 'compiling' && (run.phase === 'stopped' || run.phase === 'failed'))
        run.firstSeen = now;
      run.phase = event.phase;
      if (event.backend) run.backend = event.backend;
      break;
    case 'batch':
      run.lastBatch = event;
      if (run.phase !== 'paused') run.phase = 'training';
      break;
    case 'epoch':
      if (event.epochs) run.epochsPlanned = event.epochs;
      break;
    case 'failed':
      run.phase = 'failed';
      run.failure = event.reason;
      break;
    case 'done':
      run.phase = 'done';
      run.backend = event.summary.backend;
      break;
    default:
      break;
  }
}

/** The `training.event` listener: records the event and shows a toast with the reason when a run fails. */
export function receiveLiveEvent(payload: { runId: string; event: unknown }, now = Date.now()): void {
  const parsed = trainingEventSchema.safeParse(payload.event);
  if (!parsed.success) return;
  const isNew = !runs.has(payload.runId);
  const run = runFor(payload.runId, now);
  applyLiveEvent(run, parsed.data, now);
  if (parsed.data.type === 'failed') {
    const where = parsed.data.nodeId ? ` (node ${parsed.data.nodeId})` : '';
    showToast('error', `Run ${payload.runId} failed [${parsed.data.code}]: ${parsed.data.reason}${where}`);
  }
  const { focusRunId, follow } = useLiveRuns.getState();
  if (focusRunId === null || (follow && isNew)) useLiveRuns.setState({ focusRunId: payload.runId });
  scheduleRender();
}

/** Shows one run and stops following new ones. */
export function focusRun(runId: string): void {
  useLiveRuns.setState({ focusRunId: runId, follow: false });
}

/** Shows the newest run and every run started after it. */
export function followLiveRuns(): void {
  const newest = [...runs.keys()].at(-1) ?? null;
  useLiveRuns.setState({ follow: true, focusRunId: newest });
}

/** Fraction of the run done, from the last batch and the planned epochs; null when unknown. */
export function progressOf(run: LiveRun): number | null {
  const batch = run.lastBatch;
  if (!batch || !run.epochsPlanned) return null;
  return Math.min(1, (batch.epoch - 1 + batch.batch / Math.max(batch.batches, 1)) / run.epochsPlanned);
}

/** Seconds left at the pace so far; null until there is a pace to go by. */
export function etaSeconds(run: LiveRun, now: number): number | null {
  const progress = progressOf(run);
  if (progress === null || progress <= 0 || run.phase === 'done') return null;
  const elapsed = (now - run.firstSeen) / 1000;
  return (elapsed / progress) * (1 - progress);
}
