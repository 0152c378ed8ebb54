import type { CompiledGraph } from '../compile';
import { fillBatch, type Samples } from '../data';
import { predictBatch } from './activations';
import type { LoadedRun } from './loadRun';
import { runSplit, type DatasetCache } from './samples';

export type EvaluatedSplit = 'validation' | 'test';

/** The first `count` samples of a split with the run's prediction for each. */
export interface SplitClassification {
  split: EvaluatedSplit;
  samples: Samples;
  count: number;
  classes: string[];
  labels: Int32Array;
  predicted: Int32Array;
  /** Softmax, [sample][class]. */
  probs: Float32Array;
}

function argmax(values: ArrayLike<number>, from: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++)
    if ((values[from + i] ?? -Infinity) > (values[from + best] ?? -Infinity)) best = i;
  return best;
}

/** The winning class of a probability vector. */
export function topClass(probs: ArrayLike<number>): number {
  return argmax(probs, 0, probs.length);
}

async function classify(
  cache: DatasetCache,
  run: LoadedRun,
  split: EvaluatedSplit,
  limit: number,
): Promise<SplitClassification> {
  const { samples } = await runSplit(cache, run, split);
  const count = Math.min(samples.count, limit);
  const indices = Uint32Array.from({ length: count }, (_, i) => i);
  const batch = fillBatch(samples, indices, {
    normalise: 'standard',
    stats: { mean: run.norm.mean, std: run.norm.std },
  });
  const probs = await predictBatch(run, batch.x, count);
  const classCount = count > 0 ? probs.length / count : run.norm.classes.length;
  const classes = Array.from({ length: classCount }, (_, i) => run.norm.classes[i] ?? String(i));
  const predicted = new Int32Array(count);
  for (let i = 0; i < count; i++) predicted[i] = argmax(probs, i * classCount, classCount);
  return { split, samples, count, classes, labels: batch.y, predicted, probs };
}

/**
 * The last classifications of each loaded model, so paging through a
 * confusion cell after an evaluation does not classify the split again.
 * Keyed by the compiled model: a reloaded run (new weights) starts afresh,
 * and an evicted run's entries go with it.
 */
const recent = new WeakMap<CompiledGraph, Map<string, Promise<SplitClassification>>>();
const KEEP_PER_MODEL = 2;

export function classifySplit(
  cache: DatasetCache,
  run: LoadedRun,
  split: EvaluatedSplit,
  limit: number,
): Promise<SplitClassification> {
  const byKey = recent.get(run.compiled) ?? new Map<string, Promise<SplitClassification>>();
  recent.set(run.compiled, byKey);
  const key = JSON.stringify([run.settings.dataset, split, limit]);
  const hit = byKey.get(key);
  if (hit) return hit;
  const result = classify(cache, run, split, limit);
  result.catch(() => byKey.delete(key));
  byKey.set(key, result);
  while (byKey.size > KEEP_PER_MODEL) {
    const oldest = byKey.keys().next().value;
    if (oldest === undefined) break;
    byKey.delete(oldest);
  }
  return result;
}
