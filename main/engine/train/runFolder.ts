import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../../core/json/safeJson';
import type { TrainingEvent } from '../../../core/training/events';
import type { TrainingSettings } from '../../../core/training/settings';
import { readJsonFile } from '../io/jsonFile';

/**
 * A run is a folder `<runsDir>/<runId>/`: graph.deepwire.json (snapshot),
 * settings.json, metrics.jsonl (one event per line), checkpoints/, model/
 * (the final tfjs LayersModel), normalisation.json (what predict must apply)
 * and provenance.json.
 */

export const RUN_FILES = {
  graph: 'graph.deepwire.json',
  settings: 'settings.json',
  metrics: 'metrics.jsonl',
  provenance: 'provenance.json',
  normalisation: 'normalisation.json',
  model: 'model',
} as const;

export interface Provenance {
  runId: string;
  createdAt: string;
  graphHash: string;
  datasetHash: string;
  dataset: string;
  seed: number;
  backend: string;
  versions: { node: string; tfjs: string; deepwire: string };
}

export interface Normalisation {
  inputShape: [number, number, number];
  mean: number[];
  std: number[];
  classes: string[];
}

/** Sortable, unique enough for one machine, and safe as a folder name. */
export function newRunId(now = new Date(), random = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stamp}-${Math.floor(random() * 0xffffff)
    .toString(16)
    .padStart(6, '0')}`;
}

export { RUN_ID_PATTERN } from '../../../core/training/settings';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function deepwireVersion(): Promise<string> {
  try {
    const text = await readFile(new URL('../../../package.json', import.meta.url), 'utf8');
    const pkg = parseJsonCapped(text, 'package.json', { maxLength: JSON_SIZE_LIMITS.state }) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function writeRunStart(
  runDir: string,
  graphText: string,
  settings: TrainingSettings,
  provenance: Omit<Provenance, 'graphHash' | 'versions' | 'createdAt'>,
): Promise<void> {
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, RUN_FILES.graph), graphText);
  await writeFile(join(runDir, RUN_FILES.settings), JSON.stringify(settings, null, 2));
  const full: Provenance = {
    ...provenance,
    createdAt: new Date().toISOString(),
    graphHash: sha256(graphText),
    versions: { node: process.version, tfjs: tf.version.tfjs, deepwire: await deepwireVersion() },
  };
  await writeFile(join(runDir, RUN_FILES.provenance), JSON.stringify(full, null, 2));
}

/** Appends events as JSON lines through one stream: cheap enough to call for every event. */
export class MetricsLog {
  private readonly stream: WriteStream;

  constructor(runDir: string) {
    this.stream = createWriteStream(join(runDir, RUN_FILES.metrics), { flags: 'a' });
  }

  append(event: TrainingEvent): void {
    this.stream.write(`${JSON.stringify(event)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}

/** A run file's JSON, size- and depth-capped: the graph may be as large as a document, the rest are small. */
export async function readJson<T>(path: string): Promise<T> {
  const maxLength = basename(path) === RUN_FILES.graph ? JSON_SIZE_LIMITS.document : JSON_SIZE_LIMITS.runFile;
  return (await readJsonFile(path, { maxLength })) as T;
}
