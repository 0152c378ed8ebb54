import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type dashboardCalls,
  type runListingExtras,
  experimentTag,
  MAX_RUN_EVENTS,
  MAX_THUMB_NODES,
  type GraphThumbnail,
} from '../../../core/ipc/dashboardContract';
import type { CallResponse } from '../../../core/ipc/contract';
import { parseDocument } from '../../../core/graph/document';
import { JSON_SIZE_LIMITS, JsonReadError, parseJsonCapped } from '../../../core/json/safeJson';
import type { GraphDocument } from '../../../core/graph/schema';
import { summarize } from '../../../core/graph/summary';
import { trainingEventSchema, type TrainingEvent } from '../../../core/training/events';
import { augmentText, scheduleText } from '../../../core/training/recipeText';
import { augmentSchema, scheduleSchema } from '../../../core/training/settings';
import { HostError } from '../../services/errors';
import { pageEvent, withoutHostPaths, type PagePaths } from '../train/pagePaths';
import { readJson, RUN_FILES, RUN_ID_PATTERN } from '../train/runFolder';
import { EXPERIMENT_FILE } from './experiments';

/**
 * Run history for the dashboard: the runs.list rows with status, settings,
 * best validation accuracy, duration, params and a thumbnail; one run's
 * stored events for its charts; deleting a finished run.
 */

export type RunRow = CallResponse<'runs.list'>[number] & {
  [K in keyof typeof runListingExtras]?: z.output<(typeof runListingExtras)[K]>;
};
type RunDetail = z.output<(typeof dashboardCalls)['runs.get']['response']>;

/** Batch events kept per run when sending its history: enough for a smooth curve, bounded in size. */
export const MAX_BATCH_EVENTS = 4000;
const MAX_GRAD_EVENTS = 400;

export function thumbnailOf(doc: GraphDocument): GraphThumbnail {
  const nodes = doc.nodes.slice(0, MAX_THUMB_NODES);
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const edges: [number, number][] = [];
  for (const edge of doc.edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a !== undefined && b !== undefined && edges.length < MAX_THUMB_NODES * 2) edges.push([a, b]);
  }
  return { nodes: nodes.map((n) => ({ x: n.position.x, y: n.position.y, type: n.type })), edges };
}

const settingsShape = z
  .object({
    dataset: z.string(),
    epochs: z.number(),
    batchSize: z.number(),
    optimizer: z.string(),
    learningRate: z.number(),
    seed: z.number().int().min(0),
    limit: z.number().optional(),
    weightDecay: z.number(),
    warmupEpochs: z.number().int().min(0),
    schedule: scheduleSchema,
    augment: augmentSchema.nullable(),
  })
  .partial();

export function settingsSummary(raw: unknown): { text: string; seed?: number } {
  const parsed = settingsShape.safeParse(raw);
  if (!parsed.success) return { text: '' };
  const s = parsed.data;
  const parts = [
    s.optimizer && s.learningRate !== undefined ? `${s.optimizer} lr ${s.learningRate}` : null,
    s.batchSize !== undefined ? `batch ${s.batchSize}` : null,
    s.epochs !== undefined ? `${s.epochs} epoch(s)` : null,
    s.limit !== undefined ? `limit ${s.limit}` : null,
    s.weightDecay ? `wd ${s.weightDecay}` : null,
    s.schedule ? scheduleText(s.schedule, s.warmupEpochs ?? 0) || null : null,
    augmentText(s.augment) || null,
    s.seed !== undefined ? `seed ${s.seed}` : null,
  ].filter((p): p is string => p !== null);
  return { text: parts.join(', '), ...(s.seed !== undefined ? { seed: s.seed } : {}) };
}

async function readEvents(runDir: string): Promise<TrainingEvent[]> {
  const text = await readFile(join(runDir, RUN_FILES.metrics), 'utf8').catch(() => '');
  const events: TrainingEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const event = parseJsonCapped(line, RUN_FILES.metrics, { maxLength: JSON_SIZE_LIMITS.metricsLine });
      const parsed = trainingEventSchema.safeParse(event);
      if (parsed.success) events.push(parsed.data);
    } catch {
      // A line cut short by a crash: the rest of the file is still good.
    }
  }
  return events;
}

/** Keeps every epoch/status/terminal event and evenly thins batches and gradient norms to caps. */
export function thinEvents(events: readonly TrainingEvent[]): TrainingEvent[] {
  const batches = events.filter((e) => e.type === 'batch').length;
  const grads = events.filter((e) => e.type === 'gradNorms').length;
  const batchStride = Math.max(1, Math.ceil(batches / MAX_BATCH_EVENTS));
  const gradStride = Math.max(1, Math.ceil(grads / MAX_GRAD_EVENTS));
  let b = 0;
  let g = 0;
  const kept = events.filter((e) => {
    if (e.type === 'batch') return b++ % batchStride === 0;
    if (e.type === 'gradNorms') return g++ % gradStride === 0;
    return true;
  });
  return kept.slice(-MAX_RUN_EVENTS);
}

async function readDocument(runDir: string): Promise<GraphDocument | null> {
  try {
    const parsed = parseDocument(await readJson<unknown>(join(runDir, RUN_FILES.graph)));
    return parsed.ok ? parsed.document : null;
  } catch {
    return null;
  }
}

async function readTag(runDir: string) {
  try {
    const parsed = experimentTag.safeParse(await readJson<unknown>(join(runDir, EXPERIMENT_FILE)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

type Provenance = { createdAt?: unknown; dataset?: unknown; backend?: unknown; imported?: unknown };

/** Run folders newest first (run ids start with a timestamp); a folder without provenance is not a run. */
async function runFolders(
  runsDir: string,
  max: number,
): Promise<{ runId: string; provenance: Provenance }[]> {
  const names = await readdir(runsDir).catch(() => [] as string[]);
  const found: { runId: string; provenance: Provenance }[] = [];
  for (const runId of names
    .filter((n) => RUN_ID_PATTERN.test(n))
    .sort()
    .reverse()) {
    if (found.length >= max) break;
    const provenance = await readJson<Provenance>(join(runsDir, runId, RUN_FILES.provenance)).catch(
      () => null,
    );
    if (provenance && typeof provenance === 'object') found.push({ runId, provenance });
  }
  return found;
}

/** How the run's last attempt ended; `crashed` when its process died (the host records that). */
function endingOf(events: readonly TrainingEvent[]): RunRow['outcome'] | 'crashed' {
  let ending: RunRow['outcome'] | 'crashed' = 'unknown';
  for (const e of events) {
    if (e.type === 'done') ending = 'done';
    else if (e.type === 'failed') ending = e.code === 'crash' ? 'crashed' : 'failed';
    else if (e.type === 'status' && e.phase === 'stopped') ending = 'stopped';
    else if (e.type === 'status' && e.phase === 'compiling') ending = 'unknown';
  }
  return ending;
}

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

export async function listRunsDetailed(
  runsDir: string,
  isActive: (runId: string) => boolean,
  paths: PagePaths = { runsDir },
  max = 200,
): Promise<RunRow[]> {
  const rows: RunRow[] = [];
  for (const { runId, provenance } of await runFolders(runsDir, max)) {
    const dir = join(runsDir, runId);
    const events = await readEvents(dir);
    // An imported model is a finished run without training events.
    const ending = events.length === 0 && provenance.imported ? 'done' : endingOf(events);
    const epochs = events.filter((e): e is Extract<TrainingEvent, { type: 'epoch' }> => e.type === 'epoch');
    const row = {
      runId,
      createdAt: text(provenance.createdAt, 64),
      dataset: text(provenance.dataset, 4096),
      backend: text(provenance.backend, 64),
      outcome: ending === 'crashed' ? 'failed' : ending,
      epochs: epochs.at(-1)?.epoch ?? 0,
      valAcc: epochs.at(-1)?.valAcc ?? null,
    };
    const doc = await readDocument(dir);
    const settings = settingsSummary(
      await readJson<unknown>(join(dir, RUN_FILES.settings)).catch(() => null),
    );
    let best: number | null = null;
    let durationMs = 0;
    let failure: string | undefined;
    for (const e of events) {
      if (e.type === 'epoch') {
        durationMs += e.durationMs;
        if (e.valAcc !== null && (best === null || e.valAcc > best)) best = e.valAcc;
      }
      if (e.type === 'done') durationMs = e.summary.durationMs;
      if (e.type === 'failed') failure = withoutHostPaths(e.reason, paths).slice(0, 8192);
    }
    const summary = doc ? summarize(doc) : null;
    const tag = await readTag(dir);
    rows.push({
      ...row,
      status: isActive(row.runId) ? 'running' : ending,
      ...(doc ? { graphName: doc.name, thumbnail: thumbnailOf(doc) } : {}),
      ...(doc?.id ? { graphId: doc.id } : {}),
      settingsSummary: settings.text,
      ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
      bestValAcc: best,
      durationMs: durationMs > 0 ? durationMs : null,
      ...(summary ? { params: summary.totalParams, macs: summary.totalMacs } : {}),
      ...(failure ? { failure } : {}),
      ...(tag ? { experiment: tag } : {}),
    });
  }
  return rows;
}

function runDir(runsDir: string, runId: string): string {
  if (!RUN_ID_PATTERN.test(runId)) throw new HostError('bad-request', 'invalid run id', 'runId');
  return join(runsDir, runId);
}

/** A run file refused by the JSON caps is reported by name; any other failure is `otherwise`. */
function runFileFailure(runId: string, otherwise: () => unknown) {
  return (error: unknown): unknown => {
    if (error instanceof JsonReadError && error.problem !== 'syntax')
      throw new HostError('io', `Run '${runId}': ${error.message}`);
    return otherwise();
  };
}

export async function getRun(
  runsDir: string,
  runId: string,
  paths: PagePaths = { runsDir },
): Promise<RunDetail> {
  const dir = runDir(runsDir, runId);
  const document = await readJson<unknown>(join(dir, RUN_FILES.graph)).catch(
    runFileFailure(runId, () => {
      throw new HostError('not-found', `no run '${runId}'`);
    }),
  );
  const settings = await readJson<unknown>(join(dir, RUN_FILES.settings)).catch(
    runFileFailure(runId, () => null),
  );
  const events = thinEvents(await readEvents(dir)).map((e) => pageEvent(e, runId, paths));
  return { runId, document, settings, events };
}

export async function deleteRun(
  runsDir: string,
  runId: string,
  isActive: (runId: string) => boolean,
): Promise<{ ok: true }> {
  const dir = runDir(runsDir, runId);
  if (isActive(runId))
    throw new HostError('bad-request', `run '${runId}' is still training: stop it first`, 'runId');
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new HostError('not-found', `no run '${runId}'`);
  await rm(dir, { recursive: true, force: true });
  return { ok: true };
}
