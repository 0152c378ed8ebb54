import type {
  BatchEvent,
  EpochEvent,
  FailedEvent,
  GradNormsEvent,
  RunSummary,
  TrainingEvent,
} from './events';

/**
 * The UI's view of one run, as one discriminated union fed by a pure
 * reducer (the renderer keeps it in a store; tests drive it directly).
 */

/** What every live phase carries. History is capped so a long run cannot grow the UI without bound. */
export interface RunProgress {
  phase: 'compiling' | 'loading-data' | 'training';
  message?: string;
  backend?: string;
  backendReport?: string;
  lastBatch: BatchEvent | null;
  /** Recent per-batch losses, x = fractional epoch. */
  batchLoss: { x: number; loss: number }[];
  epochs: EpochEvent[];
  lastGradNorms: GradNormsEvent | null;
}

export type TrainingState =
  | { kind: 'idle' }
  | ({ kind: 'queued'; ahead: number } & Omit<RunProgress, 'phase'>)
  | ({ kind: 'running' } & RunProgress)
  | ({ kind: 'paused' } & Omit<RunProgress, 'phase'>)
  | ({ kind: 'stopped' } & Omit<RunProgress, 'phase'>)
  | ({ kind: 'done'; summary: RunSummary } & Omit<RunProgress, 'phase'>)
  | ({ kind: 'failed'; failure: FailedEvent } & Omit<RunProgress, 'phase'>);

export const IDLE: TrainingState = { kind: 'idle' };
export const MAX_BATCH_POINTS = 2000;

function emptyProgress(): Omit<RunProgress, 'phase'> {
  return { lastBatch: null, batchLoss: [], epochs: [], lastGradNorms: null };
}

function progressOf(state: TrainingState): Omit<RunProgress, 'phase'> {
  if (state.kind === 'idle') return emptyProgress();
  const { lastBatch, batchLoss, epochs, lastGradNorms, message, backend, backendReport } = state;
  const base = { lastBatch, batchLoss, epochs, lastGradNorms };
  return {
    ...base,
    ...(message !== undefined ? { message } : {}),
    ...(backend !== undefined ? { backend } : {}),
    ...(backendReport !== undefined ? { backendReport } : {}),
  };
}

function appendCapped<T>(items: T[], item: T, cap: number): T[] {
  const next = items.length >= cap ? items.slice(items.length - cap + 1) : items.slice();
  next.push(item);
  return next;
}

export function reduceTrainingState(state: TrainingState, event: TrainingEvent): TrainingState {
  const progress = progressOf(state);
  switch (event.type) {
    case 'status': {
      const withInfo = {
        ...progress,
        ...(event.message !== undefined ? { message: event.message } : {}),
        ...(event.backend !== undefined ? { backend: event.backend } : {}),
        ...(event.backendReport !== undefined ? { backendReport: event.backendReport } : {}),
      };
      switch (event.phase) {
        case 'queued':
          return { kind: 'queued', ahead: event.ahead ?? 0, ...withInfo };
        case 'compiling':
          // A new run starts from a clean slate; a resumed one keeps its history.
          return state.kind === 'idle' || state.kind === 'done' || state.kind === 'failed'
            ? { kind: 'running', phase: 'compiling', ...emptyProgress(), ...pickInfo(withInfo) }
            : { kind: 'running', phase: 'compiling', ...withInfo };
        case 'loading-data':
        case 'training':
          return { kind: 'running', phase: event.phase, ...withInfo };
        case 'paused':
          return { kind: 'paused', ...withInfo };
        case 'stopped':
          return { kind: 'stopped', ...withInfo };
        case 'done':
          return state.kind === 'done' ? state : { kind: 'running', phase: 'training', ...withInfo };
        case 'failed':
          return state.kind === 'failed'
            ? state
            : {
                kind: 'failed',
                failure: { type: 'failed', reason: event.message ?? 'failed', code: 'internal' },
                ...withInfo,
              };
      }
      return state;
    }
    case 'batch': {
      if (!isLive(state)) return state;
      const x = event.epoch - 1 + event.batch / Math.max(event.batches, 1);
      const batchLoss =
        event.loss === null
          ? progress.batchLoss
          : appendCapped(progress.batchLoss, { x, loss: event.loss }, MAX_BATCH_POINTS);
      return { ...state, ...progress, lastBatch: event, batchLoss };
    }
    case 'epoch': {
      if (!isLive(state)) return state;
      const epochs = [...progress.epochs.filter((e) => e.epoch < event.epoch), event];
      return { ...state, ...progress, epochs };
    }
    case 'gradNorms':
      return isLive(state) ? { ...state, ...progress, lastGradNorms: event } : state;
    case 'failed':
      return { kind: 'failed', failure: event, ...progress };
    case 'done':
      return { kind: 'done', summary: event.summary, ...progress };
  }
}

function isLive(
  state: TrainingState,
): state is Extract<TrainingState, { kind: 'running' | 'paused' | 'stopped' }> {
  return state.kind === 'running' || state.kind === 'paused' || state.kind === 'stopped';
}

function pickInfo(p: Omit<RunProgress, 'phase'>): Partial<Omit<RunProgress, 'phase'>> {
  return {
    ...(p.message !== undefined ? { message: p.message } : {}),
    ...(p.backend !== undefined ? { backend: p.backend } : {}),
    ...(p.backendReport !== undefined ? { backendReport: p.backendReport } : {}),
  };
}

/** The phase string the status line (and its `data-phase`) shows. */
export function phaseOf(state: TrainingState): string {
  switch (state.kind) {
    case 'idle':
      return 'idle';
    case 'running':
      return state.phase;
    default:
      return state.kind;
  }
}
