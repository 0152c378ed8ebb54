import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Throughput } from '../../../core/experiment/estimate';
import type { ExperimentMember } from '../../../core/experiment/plan';
import { summarize } from '../../../core/graph/summary';
import { RUN_ID_PATTERN } from '../train/runFolder';
import { runSequence, type RunnerService } from './sequence';

/**
 * Measures this machine's training speed for an experiment: a few batches
 * of its most expensive net with the experiment's own recipe, through the
 * same training service (so the same backend). The probe's run folder is
 * removed afterwards: it is a measurement, not a run of the history.
 */

/** Batches the probe trains: enough to pass the first, slow (kernel set-up) steps. */
export const PROBE_BATCHES = 8;

export function probeMember(members: readonly ExperimentMember[]): ExperimentMember | undefined {
  let best: { member: ExperimentMember; macs: number } | undefined;
  const seen = new Set<ExperimentMember['document']>();
  for (const member of members) {
    if (seen.has(member.document)) continue;
    seen.add(member.document);
    const macs = summarize(member.document).totalMacs;
    if (!best || macs > best.macs) best = { member, macs };
  }
  return best?.member;
}

export async function measureThroughput(
  service: RunnerService,
  members: readonly ExperimentMember[],
  runsDir: string,
): Promise<Throughput> {
  const member = probeMember(members);
  if (!member) throw new Error('the experiment has no nets to measure');
  const batchSize = member.settings.batchSize ?? 32;
  let result: { imgPerSec: number; backend: string } | null = null;
  const started = Date.now();
  const [state] = await runSequence(
    service,
    [
      {
        label: `${member.label} (speed probe)`,
        document: member.document,
        settings: {
          ...member.settings,
          epochs: 1,
          limit: batchSize * PROBE_BATCHES,
          validationSplit: 0,
          earlyStopping: null,
          gradNormEvery: 0,
        },
      },
    ],
    {
      onEvent: (_index, event) => {
        if (event.type === 'done') result = event.summary;
      },
    },
  );
  if (state?.runId && RUN_ID_PATTERN.test(state.runId)) {
    await rm(join(runsDir, state.runId), { recursive: true, force: true });
  }
  const measured = result as { imgPerSec: number; backend: string } | null;
  if (!measured || !(measured.imgPerSec > 0)) {
    throw new Error(
      `the speed probe of ${member.label} did not finish: ${state?.failure ?? state?.status ?? 'no run'}`,
    );
  }
  const images = batchSize * PROBE_BATCHES;
  return {
    setupSec: Math.max(0, (Date.now() - started) / 1000 - images / measured.imgPerSec),
    imgPerSec: measured.imgPerSec,
    macsPerSec: measured.imgPerSec * summarize(member.document).totalMacs,
    backend: measured.backend,
    probe: member.label,
  };
}
