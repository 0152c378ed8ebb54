import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { GraphDocument } from '../../../core/graph/schema';
import {
  describePreprocessing,
  PREPROCESSING_FILE,
  readPreprocessing,
  type Preprocessing,
} from '../export/preprocessing';
import { readJsonCapped } from './read';
import type { ImportResult } from './spec';

/** What an import assumes when a file says nothing of its preprocessing. */
export const ASSUMED_NONE =
  'assuming none: pixels scaled to 0…1 (mean 0, std 1), classes named 0…n−1. A model trained on standardised pixels will predict wrongly until its mean and std are set';

/** preprocessing.json in the model's folder (Keras and PyTorch exports keep it beside the weights). */
async function besideFile(path: string): Promise<unknown> {
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const file = join(isDir ? path : dirname(path), PREPROCESSING_FILE);
  const exists = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  return exists ? readJsonCapped(file, PREPROCESSING_FILE) : undefined;
}

function inputShapeOf(doc: GraphDocument): number[] | null {
  const input = doc.nodes.find((n) => n.type === 'input');
  return input?.type === 'input' ? [input.params.height, input.params.width, input.params.channels] : null;
}

/**
 * Settles an import's preprocessing: the metadata inside the file, else a
 * preprocessing.json beside it, checked against the graph's input. Without
 * usable metadata the result says, in a note, that it assumes none.
 */
export async function withPreprocessing(result: ImportResult, path: string): Promise<ImportResult> {
  const name = basename(path);
  const raw = result.metadata ?? (await besideFile(path).catch(() => undefined));
  const none = (why: string): ImportResult => ({
    ...result,
    preprocessing: null,
    notes: [...result.notes, `${why}: ${ASSUMED_NONE}.`],
  });
  if (raw === undefined) return none(`${name} carries no preprocessing metadata`);
  const read = readPreprocessing(raw);
  if (!read.ok) return none(`${name}'s preprocessing metadata is not usable (${read.why})`);
  const value: Preprocessing = read.value;
  const input = inputShapeOf(result.document);
  if (!input || input.join('×') !== value.inputShape.join('×'))
    return none(
      `${name}'s preprocessing is for a ${value.inputShape.join('×')} input, not the graph's ${input?.join('×') ?? 'missing'} input`,
    );
  return {
    ...result,
    preprocessing: value,
    notes: [...result.notes, `Preprocessing from ${name}: ${describePreprocessing(value)}.`],
  };
}
