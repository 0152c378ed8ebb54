import { phaseOf, type TrainingState } from '../../../core/training/state';
import { formatSeconds } from '../dashboard/chartData';
import type { RunTiming } from './progress';

/**
 * The panel's one-line status: phase, epoch x/N and batch, speed, elapsed
 * time and ETA (from the first batch on), accuracy, backend; a queued run's place.
 */
export function statusText(run: TrainingState, timing: RunTiming | null = null): string {
  if (run.kind === 'idle') return 'Not trained yet.';
  if (run.kind === 'queued') return `Queued (${run.ahead} ahead): waiting for another training to finish`;
  const parts: string[] = [];
  const batch = run.lastBatch;
  const lastEpoch = run.epochs.at(-1);
  const epochs = lastEpoch?.epochs ?? timing?.epochs;
  if (batch) parts.push(`Epoch ${batch.epoch}${epochs ? `/${epochs}` : ''}`);
  if (batch) parts.push(`batch ${batch.batch}/${batch.batches}`);
  if (batch) parts.push(`${Math.round(batch.imgPerSec)} img/s`);
  if (batch && timing) parts.push(`elapsed ${formatSeconds(timing.elapsedS)}`);
  if (batch && timing && run.kind !== 'done' && run.kind !== 'stopped' && run.kind !== 'failed')
    parts.push(`ETA ${formatSeconds(timing.etaS)}`);
  if (lastEpoch?.valAcc !== null && lastEpoch?.valAcc !== undefined) {
    parts.push(`val acc ${(lastEpoch.valAcc * 100).toFixed(1)}%`);
  }
  if (run.backend) parts.push(run.backend);
  if (run.kind === 'done' && run.summary.testAcc != null)
    parts.push(`test acc ${(run.summary.testAcc * 100).toFixed(1)}%`);
  const phase = phaseOf(run);
  return `${phase}${parts.length ? ' · ' : ''}${parts.join(' · ')}`;
}
