import { join } from 'node:path';
import { parseDocument } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import { createRng } from '../../../core/random';
import { parseSettings, type TrainingSettings } from '../../../core/training/settings';
import { initBackend } from '../backends';
import { tf } from '../backends/tf';
import { compileGraph, type CompiledGraph } from '../compile';
import { applyWeights, readModelFolder } from '../train/checkpoint';
import { readJson, RUN_FILES, type Normalisation } from '../train/runFolder';
import { buildIr, ExportError, type ExportIr } from './ir';
import { preprocessingOf, type Preprocessing } from './preprocessing';

/** `settings` is the run's settings.json when it reads as valid settings (older runs: defaults filled in). */
export type LoadedRun = {
  doc: GraphDocument;
  compiled: CompiledGraph;
  ir: ExportIr;
  settings?: TrainingSettings;
  /** From normalisation.json; null when the run has none (then exports carry no preprocessing metadata). */
  preprocessing: Preprocessing | null;
};

/**
 * A finished run as the exporters need it: the graph snapshot compiled again
 * (same node-named layers as in training) with the final weights loaded.
 */
export async function loadRun(runDir: string): Promise<LoadedRun> {
  await initBackend({ force: 'cpu' });
  const parsed = parseDocument(await readJson<unknown>(join(runDir, RUN_FILES.graph)).catch(() => null));
  if (!parsed.ok) throw new ExportError(`${runDir}: no valid ${RUN_FILES.graph}: is this a run folder?`);
  const settings = await readJson<{ seed?: unknown }>(join(runDir, RUN_FILES.settings)).catch(() => ({}));
  const seed = 'seed' in settings && typeof settings.seed === 'number' ? settings.seed : 0;
  const recipe = Object.keys(settings).length > 0 ? parseSettings(settings) : null;
  const artifacts = await readModelFolder(join(runDir, RUN_FILES.model)).catch(() => {
    throw new ExportError(`${runDir} has no final model (model/): did the run finish?`);
  });
  const norm = await readJson<Normalisation>(join(runDir, RUN_FILES.normalisation)).catch(() => null);
  const compiled = compileGraph(parsed.document, { seed });
  applyWeights(compiled.model, artifacts.weightSpecs, artifacts.weightData);
  return {
    doc: parsed.document,
    compiled,
    ir: buildIr(parsed.document, compiled),
    preprocessing: norm ? preprocessingOf(norm) : null,
    ...(recipe?.ok ? { settings: recipe.settings } : {}),
  };
}

export type CheckBatch = { x: Float32Array; shape: [number, number, number, number]; expected: Float32Array };

/**
 * The batch every export is checked on: seeded standard-normal inputs (what
 * standardised pixels look like), and the trained model's own probabilities.
 */
export function checkBatch(compiled: CompiledGraph, ir: ExportIr, size = 4, seed = 1): CheckBatch {
  const [h, w, c] = ir.input.shape;
  const shape: CheckBatch['shape'] = [size, h, w, c];
  const rng = createRng(seed);
  const x = new Float32Array(size * h * w * c);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const expected = tf.tidy(() => {
    const out = compiled.model.predict(tf.tensor4d(x, shape));
    if (Array.isArray(out)) throw new ExportError('The model has more than one output');
    return new Float32Array(out.dataSync());
  });
  return { x, shape, expected };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] ?? 0) - (b[i] ?? 0));
    if (!(d <= max)) max = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  }
  return max;
}
