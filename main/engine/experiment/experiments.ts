import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastValue } from '../../../core/experiment/curves';
import { planExperiment, type ExperimentMember, type ExperimentRequest } from '../../../core/experiment/plan';
import { runSequence, type ItemState, type RunnerService } from './sequence';

/**
 * The degradation experiment as a host-side job: plans the nets, trains them
 * in order through the training service and tags each run folder with
 * experiment.json, so run history and compare can group them later.
 */

export const EXPERIMENT_FILE = 'experiment.json';

export type ExperimentTag = {
  experimentId: string;
  label: string;
  depth: number;
  residual: boolean;
  preset: ExperimentRequest['preset'];
};

export type ExperimentMemberStatus = {
  label: string;
  depth: number;
  residual: boolean;
  runId: string | null;
  status: ItemState['status'];
  trainError: number | null;
  valError: number | null;
  failure: string | null;
};

export type ExperimentStatus = {
  experimentId: string;
  phase: 'running' | 'done' | 'stopped';
  request: ExperimentRequest;
  members: ExperimentMemberStatus[];
  startedAt: string;
  durationMs: number | null;
};

export interface ExperimentRunner {
  start(request: ExperimentRequest): { experimentId: string };
  status(experimentId: string): ExperimentStatus | undefined;
  stop(experimentId: string): Promise<void>;
  /** Resolves when the experiment has trained (or skipped) every member. */
  finished(experimentId: string): Promise<ExperimentStatus> | undefined;
}

function memberStatus(member: ExperimentMember, state: ItemState | undefined): ExperimentMemberStatus {
  return {
    label: member.label,
    depth: member.depth,
    residual: member.residual,
    runId: state?.runId ?? null,
    status: state?.status ?? 'pending',
    trainError: state ? lastValue(state.curves.trainError) : null,
    valError: state ? lastValue(state.curves.valError) : null,
    failure: state?.failure ?? null,
  };
}

export function newExperimentId(now = new Date(), random = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `exp-${stamp}-${Math.floor(random() * 0xffff)
    .toString(16)
    .padStart(4, '0')}`;
}

export function createExperimentRunner(opts: {
  service: RunnerService;
  runsDir: string;
  now?: () => number;
}): ExperimentRunner {
  const now = opts.now ?? Date.now;
  const jobs = new Map<
    string,
    {
      status: ExperimentStatus;
      cancelled: boolean;
      currentRun: string | null;
      done: Promise<ExperimentStatus>;
    }
  >();

  return {
    start(request) {
      const experimentId = newExperimentId();
      const members = planExperiment(request);
      const startedAt = now();
      const status: ExperimentStatus = {
        experimentId,
        phase: 'running',
        request,
        members: members.map((m) => memberStatus(m, undefined)),
        startedAt: new Date(startedAt).toISOString(),
        durationMs: null,
      };
      const job = {
        status,
        cancelled: false,
        currentRun: null as string | null,
        done: Promise.resolve(status),
      };
      job.done = runSequence(opts.service, members, {
        cancelled: () => job.cancelled,
        onChange: (states) => {
          status.members = members.map((m, i) => memberStatus(m, states[i]));
        },
        onStarted: async (index, runId) => {
          job.currentRun = runId;
          const member = members[index];
          if (!member) return;
          const tag: ExperimentTag = {
            experimentId,
            label: member.label,
            depth: member.depth,
            residual: member.residual,
            preset: request.preset,
          };
          const dir = join(opts.runsDir, runId);
          await mkdir(dir, { recursive: true });
          await writeFile(join(dir, EXPERIMENT_FILE), JSON.stringify(tag, null, 2));
        },
      }).then((states) => {
        status.members = members.map((m, i) => memberStatus(m, states[i]));
        status.phase = job.cancelled ? 'stopped' : 'done';
        status.durationMs = now() - startedAt;
        return status;
      });
      jobs.set(experimentId, job);
      return { experimentId };
    },
    status: (experimentId) => jobs.get(experimentId)?.status,
    async stop(experimentId) {
      const job = jobs.get(experimentId);
      if (!job || job.status.phase !== 'running') return;
      job.cancelled = true;
      if (job.currentRun)
        await opts.service.handle('training.stop', { runId: job.currentRun }).catch(() => undefined);
    },
    finished: (experimentId) => jobs.get(experimentId)?.done,
  };
}
