import type { GraphDocument } from '../../../core/graph/schema';
import { appendEvent, emptyCurves, type RunCurves } from '../../../core/experiment/curves';
import { trainingEventSchema, type TrainingEvent } from '../../../core/training/events';
import type { TrainingSettings } from '../../../core/training/settings';
import type { TrainingService } from '../../services/training';

/**
 * Trains a list of graphs ONE AFTER ANOTHER through the training service
 * (the CPU is shared; parallel runs would only make each one slower and their
 * timings meaningless). Used by the degradation experiment and `deepwire compare`.
 */

export type RunnerService = Pick<TrainingService, 'handle' | 'onEvent'>;

export type SequenceItem = {
  label: string;
  document: GraphDocument;
  settings: Partial<TrainingSettings>;
  /** Continue this stopped run from its checkpoint instead of starting a new one. */
  resumeRunId?: string;
  /** Already trained (a resumed experiment): kept as it is, not trained again. */
  finished?: ItemState;
};

export type ItemStatus = 'pending' | 'running' | 'done' | 'failed' | 'stopped';

export type ItemState = {
  label: string;
  runId: string | null;
  status: ItemStatus;
  curves: RunCurves;
  backend: string | null;
  durationMs: number | null;
  failure: string | null;
};

export type SequenceOptions = {
  /** Called after every state change (start, each epoch, end). */
  onChange?: (states: readonly ItemState[]) => void;
  /** Every event of every item, for progress output. */
  onEvent?: (index: number, event: TrainingEvent) => void;
  /** Called once a run has an id, before it trains: tag its folder. */
  onStarted?: (index: number, runId: string) => Promise<void>;
  /** Checked between items; a cancelled sequence leaves the rest pending. */
  cancelled?: () => boolean;
};

function terminalStatus(event: TrainingEvent): ItemStatus | null {
  if (event.type === 'done') return 'done';
  if (event.type === 'failed') return 'failed';
  if (event.type === 'status' && event.phase === 'stopped') return 'stopped';
  return null;
}

export async function runSequence(
  service: RunnerService,
  items: readonly SequenceItem[],
  options: SequenceOptions = {},
): Promise<ItemState[]> {
  const states: ItemState[] = items.map(
    (item) =>
      item.finished ?? {
        label: item.label,
        runId: null,
        status: 'pending',
        curves: emptyCurves(),
        backend: null,
        durationMs: null,
        failure: null,
      },
  );
  const changed = () => options.onChange?.(states);
  // Events may arrive before `training.start` has returned the id: keep them until it has.
  const early = new Map<string, TrainingEvent[]>();
  /** The item training now; index −1 between items. */
  const active: { index: number; runId: string | null; finish: () => void } = {
    index: -1,
    runId: null,
    finish: () => undefined,
  };

  const apply = (index: number, event: TrainingEvent) => {
    const state = states[index];
    if (!state) return;
    appendEvent(state.curves, event);
    if (event.type === 'status' && event.backend) state.backend = event.backend;
    if (event.type === 'done') {
      state.backend = event.summary.backend;
      state.durationMs = event.summary.durationMs;
    }
    if (event.type === 'failed') state.failure = event.reason;
    options.onEvent?.(index, event);
    const end = terminalStatus(event);
    if (end) {
      state.status = end;
      active.finish();
    }
    if (event.type === 'epoch' || end) changed();
  };

  const unsubscribe = service.onEvent(({ runId, event: raw }) => {
    const parsed = trainingEventSchema.safeParse(raw);
    if (!parsed.success) return;
    if (active.index < 0) return;
    if (active.runId === runId) apply(active.index, parsed.data);
    else if (active.runId === null) early.set(runId, [...(early.get(runId) ?? []), parsed.data]);
  });
  try {
    for (const [index, item] of items.entries()) {
      if (options.cancelled?.()) break;
      const state = states[index];
      if (!state || item.finished) continue;
      active.index = index;
      active.runId = null;
      const finished = new Promise<void>((resolve) => {
        active.finish = resolve;
      });
      const started = Date.now();
      try {
        const { runId } = item.resumeRunId
          ? await service.handle('training.resumeRun', { runId: item.resumeRunId })
          : await service.handle('training.start', { document: item.document, settings: item.settings });
        state.runId = runId;
        state.status = 'running';
        active.runId = runId;
        await options.onStarted?.(index, runId);
        changed();
        for (const event of early.get(runId) ?? []) apply(index, event);
        early.clear();
      } catch (error) {
        state.status = 'failed';
        state.failure = error instanceof Error ? error.message : String(error);
        changed();
        continue;
      }
      await finished;
      state.durationMs ??= Date.now() - started;
    }
  } finally {
    unsubscribe();
    active.index = -1;
  }
  return states;
}
