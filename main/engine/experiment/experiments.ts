import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { curvesFromEvents, lastValue } from '../../../core/experiment/curves';
import { planExperiment, type ExperimentMember, type ExperimentRequest } from '../../../core/experiment/plan';
import type { TrainingEvent } from '../../../core/training/events';
import { runSequence, type ItemState, type RunnerService, type SequenceItem } from './sequence';

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
  seed: number;
  request: ExperimentRequest;
};

/** A run of an earlier session tagged with an experiment: what resuming needs to know about it. */
export type TaggedRun = {
  runId: string;
  tag: {
    experimentId: string;
    label: string;
    seed?: number | undefined;
    request?: ExperimentRequest | undefined;
  };
  outcome: 'done' | 'failed' | 'stopped' | 'unknown';
  events: () => Promise<TrainingEvent[]>;
};

export type ExperimentMemberStatus = {
  label: string;
  depth: number;
  residual: boolean;
  seed: number;
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
  /**
   * Continues an experiment from its tagged runs (this session's or an earlier one's): finished runs are
   * kept, a stopped or crashed one resumes from its checkpoint, the rest train.
   */
  resume(experimentId: string, runs: readonly TaggedRun[]): Promise<{ experimentId: string }>;
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
    seed: member.seed,
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

/** Plans the request and matches each member (net and seed) to a tagged run of the experiment, if any. */
export async function resumeItems(
  members: readonly ExperimentMember[],
  runs: readonly TaggedRun[],
): Promise<SequenceItem[]> {
  return Promise.all(
    members.map(async (member) => {
      const run = runs.find((r) => r.tag.label === member.label && (r.tag.seed ?? 1) === member.seed);
      if (!run || run.outcome === 'failed') return member;
      if (run.outcome !== 'done') return { ...member, resumeRunId: run.runId };
      const finished: ItemState = {
        label: member.label,
        runId: run.runId,
        status: 'done',
        curves: curvesFromEvents(await run.events()),
        backend: null,
        durationMs: null,
        failure: null,
      };
      return { ...member, finished };
    }),
  );
}

type Job = {
  status: ExperimentStatus;
  cancelled: boolean;
  currentRun: string | null;
  done: Promise<ExperimentStatus>;
};

export function createExperimentRunner(opts: {
  service: RunnerService;
  runsDir: string;
  now?: () => number;
}): ExperimentRunner {
  const now = opts.now ?? Date.now;
  const jobs = new Map<string, Job>();

  const launch = (experimentId: string, request: ExperimentRequest, items: readonly SequenceItem[]) => {
    const members = planExperiment(request);
    const startedAt = now();
    const status: ExperimentStatus = {
      experimentId,
      phase: 'running',
      request,
      members: members.map((m, i) => memberStatus(m, items[i]?.finished)),
      startedAt: new Date(startedAt).toISOString(),
      durationMs: null,
    };
    const job: Job = { status, cancelled: false, currentRun: null, done: Promise.resolve(status) };
    job.done = runSequence(opts.service, items, {
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
          seed: member.seed,
          request,
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
  };

  return {
    start(request) {
      return launch(newExperimentId(), request, planExperiment(request));
    },
    async resume(experimentId, runs) {
      if (jobs.get(experimentId)?.status.phase === 'running') {
        throw new Error(`experiment '${experimentId}' is still running`);
      }
      const own = runs.filter((r) => r.tag.experimentId === experimentId);
      const request = jobs.get(experimentId)?.status.request ?? own.find((r) => r.tag.request)?.tag.request;
      if (!request) throw new Error(`no runs of experiment '${experimentId}' record its request`);
      return launch(experimentId, request, await resumeItems(planExperiment(request), own));
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
