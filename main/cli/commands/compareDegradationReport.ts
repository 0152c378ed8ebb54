import {
  aggregateNets,
  formatStats,
  type MemberRun,
  type NetResult,
  type SeedStats,
} from '../../../core/experiment/aggregate';
import { TRAIN_ERROR_KIND, TRAIN_ERROR_LABEL } from '../../../core/experiment/curves';
import type { ExperimentEstimate } from '../../../core/experiment/estimate';
import { recipeOf, seedsOf, type ExperimentRequest } from '../../../core/experiment/plan';
import { summarizeExperiment } from '../../../core/experiment/summary';
import { padColumns } from './textTable';

/**
 * What `deepwire compare --degradation` prints and draws from a finished
 * experiment: per-net seed statistics, the computed summary, the JSON
 * object and the figures with min–max bands. Pure, so it is tested without training.
 */

export type SeedMember = MemberRun & {
  trainError: number | null;
  valError: number | null;
  failure: string | null;
};

export function netsOf(members: readonly SeedMember[]): NetResult[] {
  return aggregateNets(members);
}

/** One row per net: mean ± std over seeds (percentage points), the seeds, and any failed seed. */
export function degradationTable(members: readonly SeedMember[]): string {
  const header = ['net', 'seeds', `${TRAIN_ERROR_LABEL} (mean ± std)`, 'val err (mean ± std)', 'not done'];
  const body = netsOf(members).map((net) => {
    const notDone = members
      .filter((m) => m.label === net.label && m.status !== 'done')
      .map((m) => `seed ${m.seed} ${m.status}${m.failure ? `: ${m.failure}` : ''}`);
    return [
      net.label,
      net.seeds.join(','),
      formatStats(net.trainErr),
      formatStats(net.valErr),
      notDone.join('; '),
    ];
  });
  return `${padColumns([header, ...body])}\n`;
}

const statsJson = (s: SeedStats | null) => (s ? { mean: s.mean, std: s.std, values: s.values } : null);

/** The `--json` object: errors are fractions in [0, 1] (`errorUnit`), one entry per net, and the shared recipe. */
export function degradationJson(opts: {
  experimentId: string;
  request: ExperimentRequest;
  members: readonly SeedMember[];
  durationMs: number | null;
  estimate: ExperimentEstimate | null;
}): Record<string, unknown> {
  const { seed: _seed, ...recipe } = recipeOf(opts.request);
  return {
    experimentId: opts.experimentId,
    preset: opts.request.preset,
    dataset: opts.request.dataset,
    seeds: seedsOf(opts.request),
    errorUnit: 'fraction',
    trainErrKind: TRAIN_ERROR_KIND,
    recipe,
    nets: netsOf(opts.members).map((net) => ({
      label: net.label,
      depth: net.depth,
      residual: net.residual,
      trainErr: statsJson(net.trainErr),
      valErr: statsJson(net.valErr),
      runs: opts.members
        .filter((m) => m.label === net.label)
        .map((m) => ({ seed: m.seed, runId: m.runId, status: m.status })),
    })),
    summary: summarizeExperiment(netsOf(opts.members)),
    durationMs: opts.durationMs,
    estimatedSeconds: opts.estimate?.seconds ?? null,
  };
}
