import type { BatchEvent } from '../../../core/training/events';
import { epochsToRun, type TrainingSettings } from '../../../core/training/settings';

type BatchPosition = Pick<BatchEvent, 'epoch' | 'batch' | 'batches'>;

/** Fraction of the run done after this batch, in [0, 1]. */
export function runFraction(batch: BatchPosition, epochs: number): number {
  if (epochs <= 0) return 0;
  return Math.min(1, (batch.epoch - 1 + batch.batch / Math.max(batch.batches, 1)) / epochs);
}

/** Where the run's clock stands: when it started and where the first batch was, to pace the ETA by. */
export type RunClock = { startedAt: number; firstBatch: { at: number; fraction: number } | null };

export type RunTiming = { epochs: number; elapsedS: number; etaS: number | null };

/**
 * Epochs planned, time since start and time left, from the first batch on.
 * The ETA goes by the pace since the first batch, so compiling and loading
 * data do not count as training speed.
 */
export function runTiming(
  settings: TrainingSettings,
  batch: BatchPosition,
  clock: RunClock,
  now: number,
): RunTiming {
  const epochs = epochsToRun(settings, batch.batches);
  const fraction = runFraction(batch, epochs);
  const elapsedS = Math.max(0, (now - clock.startedAt) / 1000);
  const first = clock.firstBatch;
  const done = first ? fraction - first.fraction : 0;
  const etaS =
    first && done > 0 ? (Math.max(0, now - first.at) / 1000 / done) * Math.max(0, 1 - fraction) : null;
  return { epochs, elapsedS, etaS };
}
