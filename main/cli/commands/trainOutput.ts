import type { EpochEvent, RunSummary, TrainingEvent } from '../../../core/training/events';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '  —  ' : `${(v * 100).toFixed(1)}%`;
const num = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);

/** The --json line for an epoch: the fields scripts rely on first; `backend` is the one the run trains on. */
export function epochLine(event: EpochEvent, backend?: string): string {
  return JSON.stringify({
    type: 'epoch',
    ...(backend ? { backend } : {}),
    epoch: event.epoch,
    loss: event.loss,
    acc: event.acc,
    valLoss: event.valLoss,
    valAcc: event.valAcc,
    imgPerSec: Math.round(event.imgPerSec ?? 0),
    lr: event.lr,
    durationMs: Math.round(event.durationMs),
  });
}

export function summaryLine(runId: string, summary: RunSummary): string {
  return JSON.stringify({ type: 'summary', runId, ...summary });
}

/** A one-line progress bar, redrawn in place on a terminal. */
export function progressBar(
  event: Extract<TrainingEvent, { type: 'batch' }>,
  epochs: number,
  width = 24,
): string {
  const filled = Math.round((event.batch / Math.max(event.batches, 1)) * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `epoch ${event.epoch}/${epochs} ${bar} ${event.batch}/${event.batches}  loss ${num(event.loss)}  acc ${pct(event.acc)}  ${Math.round(event.imgPerSec)} img/s`;
}

export function epochText(event: EpochEvent): string {
  return `epoch ${event.epoch}: loss ${num(event.loss)} acc ${pct(event.acc)} | val loss ${num(event.valLoss)} acc ${pct(event.valAcc)} | ${Math.round(event.imgPerSec ?? 0)} img/s, ${(event.durationMs / 1000).toFixed(1)} s`;
}

export function summaryText(runId: string, summary: RunSummary): string {
  const test = summary.testAcc !== undefined ? `, test acc ${pct(summary.testAcc)}` : '';
  return (
    `Done: ${summary.epochs} epoch(s) on ${summary.backend} in ${(summary.durationMs / 1000).toFixed(1)} s, ` +
    `val acc ${pct(summary.valAcc)}${test}.\nRun ${runId}: ${summary.runDir ?? ''}\n`
  );
}
