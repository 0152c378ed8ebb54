import { z } from 'zod';
import { LIMITS } from '../graph/schema';

/**
 * Channels of the dashboard, run history, compare and the degradation
 * experiment. Spread into `calls` in contract.ts; the run-history fields
 * extend the `runs.list` rows. Every array and string is capped.
 */

export const MAX_THUMB_NODES = 400;
export const MAX_RUN_EVENTS = 20_000;
/** 5 depths × plain/residual × 5 seeds. */
export const MAX_EXPERIMENT_MEMBERS = 50;

const runId = z.string().min(1).max(128);
const experimentId = z.string().min(1).max(128);
const ok = z.object({ ok: z.literal(true) });
const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
const preset = z.enum(['quick', 'standard', 'paper']);

/** Node positions and wires of the graph as trained: enough to draw a thumbnail without the document. */
export const graphThumbnail = z.object({
  nodes: z.array(z.object({ x: z.number(), y: z.number(), type: z.string().max(64) })).max(MAX_THUMB_NODES),
  edges: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(MAX_THUMB_NODES * 2),
});
export type GraphThumbnail = z.infer<typeof graphThumbnail>;

export const depthChoice = z.union([
  z.literal(20),
  z.literal(32),
  z.literal(44),
  z.literal(56),
  z.literal(110),
]);

export const experimentRequest = z
  .object({
    depths: z.array(depthChoice).min(1).max(5),
    dataset: z.string().min(1).max(4096),
    epochs: z.number().int().min(1).max(1000).optional(),
    preset,
    limit: z.number().int().min(1).max(100_000_000).optional(),
    seeds: z.array(seed).min(1).max(5).optional(),
    seed: seed.optional(),
  })
  .strict();

export const experimentTag = z.object({
  experimentId,
  label: z.string().max(64),
  depth: z.number().int().min(1).max(10_000),
  residual: z.boolean(),
  preset,
  /** Absent on runs tagged before experiments had several seeds. */
  seed: seed.optional(),
  /** The experiment as asked for, so a stopped one can be planned again and resumed. */
  request: experimentRequest.optional(),
});

/** Extra `runs.list` columns, optional so older hosts' rows still parse. */
export const runListingExtras = {
  /** `crashed`: the training process died (killed, out of memory); the run folder records it. */
  status: z.enum(['running', 'done', 'failed', 'crashed', 'stopped', 'unknown']).optional(),
  graphName: z.string().max(LIMITS.maxNameLength).optional(),
  /** The trained graph's identity (its document `id`): the Training tab lists the open graph's runs by it. */
  graphId: z.string().max(LIMITS.maxIdLength).optional(),
  settingsSummary: z.string().max(512).optional(),
  seed: z.number().int().min(0).optional(),
  bestValAcc: z.number().nullable().optional(),
  durationMs: z.number().min(0).nullable().optional(),
  params: z.number().min(0).optional(),
  macs: z.number().min(0).optional(),
  failure: z.string().max(8192).optional(),
  thumbnail: graphThumbnail.optional(),
  experiment: experimentTag.optional(),
};

const errorValue = z.number().nullable();

export const experimentStatus = z.object({
  experimentId,
  phase: z.enum(['running', 'done', 'stopped']),
  request: experimentRequest,
  members: z
    .array(
      z.object({
        label: z.string().max(64),
        depth: z.number().int(),
        residual: z.boolean(),
        seed,
        runId: runId.nullable(),
        status: z.enum(['pending', 'running', 'done', 'failed', 'stopped']),
        trainError: errorValue,
        valError: errorValue,
        failure: z.string().max(8192).nullable(),
      }),
    )
    .max(MAX_EXPERIMENT_MEMBERS),
  startedAt: z.string().max(64),
  durationMs: z.number().min(0).nullable(),
});

export const dashboardCalls = {
  /** One run as stored: its graph exactly as trained, its settings and its events (batches thinned). */
  'runs.get': {
    request: z.object({ runId }).strict(),
    response: z.object({
      runId,
      document: z.unknown(),
      settings: z.unknown(),
      events: z.array(z.unknown()).max(MAX_RUN_EVENTS),
    }),
  },
  /** Removes a run's folder; refuses a run that is still training. */
  'runs.delete': { request: z.object({ runId }).strict(), response: ok },
  /** The degradation experiment: plain-N and ResNet-N per depth, trained one after another. */
  'training.startExperiment': { request: experimentRequest, response: z.object({ experimentId }) },
  'training.stopExperiment': { request: z.object({ experimentId }).strict(), response: ok },
  'runs.experiment': { request: z.object({ experimentId }).strict(), response: experimentStatus },
  /** Continues a stopped experiment: finished runs are kept, the interrupted one resumes from its checkpoint. */
  'training.resumeExperiment': {
    request: z.object({ experimentId }).strict(),
    response: z.object({ experimentId }),
  },
  /**
   * The time an experiment would take here, before it starts: this machine's measured img/s (a short probe
   * of the deepest plain net, once per session and backend) times the experiment's work.
   */
  'training.estimateExperiment': {
    /** `measure: false` answers only from a speed already measured this session, never starting a probe. */
    request: experimentRequest.extend({ measure: z.boolean().optional() }),
    response: z.object({
      seconds: z.number().min(0).nullable(),
      runs: z.number().int().min(0),
      text: z.string().max(512),
    }),
  },
} as const;
