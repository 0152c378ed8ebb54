import type { z } from 'zod';
import { estimateExperiment, type Throughput } from '../../../core/experiment/estimate';
import { planExperiment, type ExperimentRequest } from '../../../core/experiment/plan';
import type { dashboardCalls } from '../../../core/ipc/dashboardContract';
import type { TrainingService } from '../../services/training';
import { pageReply, type PagePaths } from '../train/pagePaths';
import { HostError } from '../../services/errors';
import { createExperimentRunner } from './experiments';
import { measureThroughput, probeMember } from './probe';
import { deleteRun, getRun, listRunsDetailed, type RunRow } from './runHistory';
import { taggedRuns } from './taggedRuns';

type DashboardCalls = typeof dashboardCalls;

/** Typed from the dashboard's own schemas, so this module stands apart from the assembled contract. */
export type DashboardHandlers = {
  [C in keyof DashboardCalls]: (
    request: z.input<DashboardCalls[C]['request']>,
  ) => Promise<z.output<DashboardCalls[C]['response']>>;
} & { 'runs.list': () => Promise<RunRow[]> };

/** A probe measures one net with one recipe; the same net and recipe reuse it for the session. */
function probeKey(request: ExperimentRequest): string {
  const member = probeMember(planExperiment({ ...request, seeds: [1] }));
  return JSON.stringify([member?.label, request.preset, request.dataset]);
}

/**
 * The run-history and experiment calls, spread into the training service's
 * handler map. `service` is read lazily: the experiment starts its runs
 * through the same service that serves these handlers.
 */
export function createDashboardHandlers(deps: {
  runsDir: string;
  isActive: (runId: string) => boolean;
  /** How the page names host folders: stored failures and summaries are rewritten with it. */
  paths?: PagePaths;
  service: () => TrainingService;
}): DashboardHandlers {
  const paths: PagePaths = deps.paths ?? { runsDir: deps.runsDir };
  let runner: ReturnType<typeof createExperimentRunner> | null = null;
  const experiments = () =>
    (runner ??= createExperimentRunner({ service: deps.service(), runsDir: deps.runsDir }));
  const speeds = new Map<string, Promise<Throughput>>();
  return {
    // Stored runs name their dataset by its absolute path; the page sees it relative to the workspace.
    'runs.list': async () => pageReply(await listRunsDetailed(deps.runsDir, deps.isActive, paths), paths),
    'runs.get': async ({ runId }) => pageReply(await getRun(deps.runsDir, runId, paths), paths),
    'runs.delete': async ({ runId }) => deleteRun(deps.runsDir, runId, deps.isActive),
    'training.startExperiment': async (request) => experiments().start(request),
    'training.stopExperiment': async ({ experimentId }) => {
      if (!experiments().status(experimentId)) {
        throw new HostError('not-found', `no experiment '${experimentId}' in this session`, 'experimentId');
      }
      await experiments().stop(experimentId);
      return { ok: true as const };
    },
    'training.resumeExperiment': async ({ experimentId }) => {
      const runs = await taggedRuns(deps.runsDir, experimentId);
      if (runs.length === 0) throw new HostError('not-found', `no runs of experiment '${experimentId}'`);
      return experiments()
        .resume(experimentId, runs)
        .catch((error: unknown) => {
          throw new HostError('bad-request', error instanceof Error ? error.message : String(error));
        });
    },
    'training.estimateExperiment': async ({ measure, ...request }) => {
      const members = planExperiment(request);
      const key = probeKey(request);
      let speed = speeds.get(key);
      if (!speed && measure === false) {
        return { seconds: null, runs: members.length, text: `${members.length} runs; not measured yet` };
      }
      if (!speed) {
        speed = measureThroughput(deps.service(), members, deps.runsDir);
        speeds.set(key, speed);
        // A failed probe is not cached: the next estimate measures again.
        speed.catch(() => speeds.delete(key));
      }
      const estimate = estimateExperiment(members, await speed);
      return estimate
        ? { seconds: estimate.seconds, runs: estimate.runs, text: estimate.text }
        : {
            seconds: null,
            runs: members.length,
            text: `${members.length} runs; the dataset's size is unknown, so no time estimate`,
          };
    },
    'runs.experiment': async ({ experimentId }) => {
      const status = experiments().status(experimentId);
      if (!status) throw new HostError('not-found', `no experiment '${experimentId}' in this session`);
      return pageReply(status, paths);
    },
  };
}
