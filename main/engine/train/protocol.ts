import { z } from 'zod';
import { trainingSettingsSchema } from '../../../core/training/settings';
import type { ProcessHandle, SpawnProcess } from '../process/handle';
import type { HoldPoint } from './testHold';

/** Messages between a host and its training process (structured-clone / JSON safe). */
export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    runId: z.string(),
    runDir: z.string(),
    document: z.unknown(),
    settings: trainingSettingsSchema,
    cacheDir: z.string().optional(),
  }),
  z.object({
    type: z.literal('resumeRun'),
    runId: z.string(),
    runDir: z.string(),
    cacheDir: z.string().optional(),
    /** The run's dataset as the host confined it, read instead of the one in settings.json. */
    dataset: z.string().optional(),
  }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('continue') }),
  z.object({ type: z.literal('stop') }),
  /** Ends a test hold (./testHold); ignored when none is set. */
  z.object({ type: z.literal('release') }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

/**
 * The worker posts events; the terminal one (done/failed/stopped) precedes a clean exit.
 * `held` answers a test hold (./testHold) and is for the test alone: hosts ignore it.
 */
export type FromWorker = { type: 'event'; event: unknown } | ({ type: 'held' } & HoldPoint);

/** A running training process as the service sees it, whatever started it (see ../process/handle). */
export type WorkerHandle = ProcessHandle<ToWorker>;

export type SpawnWorker = SpawnProcess<ToWorker>;
