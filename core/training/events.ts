import { z } from 'zod';

/**
 * The messages a training run streams to its host (and writes to
 * metrics.jsonl, one per line). Epochs and batches are counted from 1 in
 * events, because that is what people read.
 */

export const PHASES = [
  /** Waiting for a free training slot: the host caps concurrent training processes. */
  'queued',
  'compiling',
  'loading-data',
  'training',
  'paused',
  'stopped',
  'done',
  'failed',
] as const;
export type Phase = (typeof PHASES)[number];

export const FAILURE_CODES = ['nan', 'crash', 'data', 'compile', 'oom', 'internal'] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

const count = z.number().int().min(0);
const metric = z.number().nullable(); // NaN does not survive JSON: a bad value becomes null
const text = z.string().max(8192);

export const statusEvent = z.object({
  type: z.literal('status'),
  phase: z.enum(PHASES),
  message: text.optional(),
  backend: z.string().max(64).optional(),
  /** The backend report (chosen one and why the others were skipped). */
  backendReport: text.optional(),
  /** With phase `queued`: how many queued runs start before this one. */
  ahead: count.optional(),
});

export const batchEvent = z.object({
  type: z.literal('batch'),
  epoch: count,
  batch: count,
  batches: count,
  loss: metric,
  acc: metric,
  imgPerSec: z.number().min(0),
  /** The learning rate this batch trained with (warm-up and schedule drawn per batch); absent in older runs. */
  lr: z.number().optional(),
});

export const epochEvent = z.object({
  type: z.literal('epoch'),
  epoch: count,
  epochs: count.optional(),
  loss: metric,
  acc: metric,
  valLoss: metric,
  valAcc: metric,
  valError: metric,
  durationMs: z.number().min(0),
  lr: z.number(),
  imgPerSec: z.number().min(0).optional(),
  /** Live tensors after the epoch: flat across epochs when nothing leaks. */
  numTensors: count.optional(),
});

export const gradNormsEvent = z.object({
  type: z.literal('gradNorms'),
  step: count,
  layers: z.array(z.object({ nodeId: z.string().max(256), norm: metric })).max(20_000),
});

export const failedEvent = z.object({
  type: z.literal('failed'),
  reason: text,
  code: z.enum(FAILURE_CODES),
  nodeId: z.string().max(256).optional(),
  /** With code `crash`: the signal that ended the training process (e.g. SIGKILL). */
  signal: z.string().max(32).optional(),
  epoch: count.optional(),
  batch: count.optional(),
});

export const runSummary = z.object({
  epochs: count,
  stoppedEarly: z.boolean(),
  stopped: z.boolean(),
  loss: metric,
  acc: metric,
  valLoss: metric,
  valAcc: metric,
  testLoss: metric.optional(),
  testAcc: metric.optional(),
  durationMs: z.number().min(0),
  imgPerSec: z.number().min(0),
  backend: z.string().max(64),
  /** Share of training time spent building and sending events, in percent. */
  streamOverheadPct: z.number().min(0),
  /** The run folder relative to the folder that holds the runs folder (`runs/<id>`): never absolute. */
  runDir: z.string().max(4096).optional(),
});
export type RunSummary = z.infer<typeof runSummary>;

export const doneEvent = z.object({ type: z.literal('done'), summary: runSummary });

export const trainingEventSchema = z.discriminatedUnion('type', [
  statusEvent,
  batchEvent,
  epochEvent,
  gradNormsEvent,
  failedEvent,
  doneEvent,
]);

export type TrainingEvent = z.infer<typeof trainingEventSchema>;
export type BatchEvent = z.infer<typeof batchEvent>;
export type EpochEvent = z.infer<typeof epochEvent>;
export type GradNormsEvent = z.infer<typeof gradNormsEvent>;
export type FailedEvent = z.infer<typeof failedEvent>;
export type StatusEvent = z.infer<typeof statusEvent>;

/** JSON has no NaN/Infinity: send them as null so the receiver still parses. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
