import type { z } from 'zod';
import type { dashboardCalls } from '../../../core/ipc/dashboardContract';
import type { TrainingService } from '../../services/training';
import { HostError } from '../../services/errors';
import type { PagePaths } from '../train/pagePaths';
import { createExperimentRunner } from './experiments';
import { deleteRun, getRun, listRunsDetailed, type RunRow } from './runHistory';

type DashboardCalls = typeof dashboardCalls;

/** Typed from the dashboard's own schemas, so this module stands apart from the assembled contract. */
export type DashboardHandlers = {
  [C in keyof DashboardCalls]: (
    request: z.input<DashboardCalls[C]['request']>,
  ) => Promise<z.output<DashboardCalls[C]['response']>>;
} & { 'runs.list': () => Promise<RunRow[]> };

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
  return {
    'runs.list': async () => listRunsDetailed(deps.runsDir, deps.isActive, paths),
    'runs.get': async ({ runId }) => getRun(deps.runsDir, runId, paths),
    'runs.delete': async ({ runId }) => deleteRun(deps.runsDir, runId, deps.isActive),
    'training.startExperiment': async (request) => experiments().start(request),
    'training.stopExperiment': async ({ experimentId }) => {
      if (!experiments().status(experimentId)) {
        throw new HostError('not-found', `no experiment '${experimentId}' in this session`, 'experimentId');
      }
      await experiments().stop(experimentId);
      return { ok: true as const };
    },
    'runs.experiment': async ({ experimentId }) => {
      const status = experiments().status(experimentId);
      if (!status) throw new HostError('not-found', `no experiment '${experimentId}' in this session`);
      return status;
    },
  };
}
