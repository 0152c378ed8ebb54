import { trainingEventSchema } from '../../../core/training/events';
import type { TaggedRun } from './experiments';
import { getRun, listRunsDetailed } from './runHistory';

/**
 * The runs of one experiment as run history lists them (newest 200 run
 * folders), for resuming it: its tag, how each run ended and, on demand,
 * its stored events.
 */
export async function taggedRuns(runsDir: string, experimentId: string): Promise<TaggedRun[]> {
  const rows = await listRunsDetailed(runsDir, () => false);
  return rows.flatMap((row) => {
    const tag = row.experiment;
    if (tag?.experimentId !== experimentId) return [];
    const status = row.status ?? row.outcome;
    const outcome: TaggedRun['outcome'] =
      status === 'done' || status === 'failed' || status === 'stopped' ? status : 'stopped';
    const events = async () =>
      (await getRun(runsDir, row.runId)).events.flatMap((e) => {
        const parsed = trainingEventSchema.safeParse(e);
        return parsed.success ? [parsed.data] : [];
      });
    return [{ runId: row.runId, tag, outcome, events }];
  });
}
