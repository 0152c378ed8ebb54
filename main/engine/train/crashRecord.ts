import { appendFile, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailedEvent } from '../../../core/training/events';
import type { ProcessExit } from '../process/handle';
import { RUN_FILES } from './runFolder';

/** The failure a training process that died without a final event leaves behind. */
export function crashEvent(exit: ProcessExit): FailedEvent {
  const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code ?? 'unknown'}`;
  return {
    type: 'failed',
    code: 'crash',
    reason: `The training process ${how}. The graph is unchanged; the run can be resumed from its last checkpoint.`,
    ...(exit.signal ? { signal: exit.signal } : {}),
  };
}

async function endsWithNewline(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await file.close();
  }
}

/**
 * Appends the crash to the run's metrics.jsonl (the dead process can no
 * longer), so history, compare and resume read the same ending. A line the
 * process was cut off in the middle of is closed first, so the crash line
 * stays parseable. A run that never got a folder has nothing to record.
 */
export async function recordCrash(runDir: string, event: FailedEvent): Promise<void> {
  const folder = await stat(runDir).catch(() => null);
  if (!folder?.isDirectory()) return;
  const metrics = join(runDir, RUN_FILES.metrics);
  const cut = await endsWithNewline(metrics).then(
    (ends) => !ends,
    () => false,
  );
  await appendFile(metrics, `${cut ? '\n' : ''}${JSON.stringify(event)}\n`);
}
