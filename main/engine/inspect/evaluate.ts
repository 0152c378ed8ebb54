import type { CallResponse } from '../../../core/ipc/contract';
import type { GalleryItem } from '../../../core/ipc/insightContract';
import { fillBatch } from '../data';
import { normaliseInput, predictBatch } from './activations';
import { finiteArray, type LoadedRun } from './loadRun';
import { decodeImageBase64, encodePngBase64 } from './png';
import { runSplit, sampleBytes, type DatasetCache } from './samples';

function argmax(values: ArrayLike<number>, from: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++)
    if ((values[from + i] ?? -Infinity) > (values[from + best] ?? -Infinity)) best = i;
  return best;
}

/**
 * Classifies the first `limit` samples of the run's validation split (or
 * test split) and returns the confusion matrix, rows = true class, with the
 * first correct and wrong predictions as pictures with their softmax.
 */
export async function evaluateRun(
  cache: DatasetCache,
  run: LoadedRun,
  opts: { split?: 'validation' | 'test'; limit: number; gallery?: number },
): Promise<CallResponse<'runs.evaluate'>> {
  const split = opts.split ?? (run.settings.validationSplit > 0 ? 'validation' : 'test');
  const { samples } = await runSplit(cache, run, split);
  const count = Math.min(samples.count, opts.limit);
  const indices = Uint32Array.from({ length: count }, (_, i) => i);
  const batch = fillBatch(samples, indices, {
    normalise: 'standard',
    stats: { mean: run.norm.mean, std: run.norm.std },
  });
  const probs = await predictBatch(run, batch.x, count);
  const classCount = count > 0 ? probs.length / count : run.norm.classes.length;
  const classes = Array.from({ length: classCount }, (_, i) => run.norm.classes[i] ?? String(i));
  const matrix = classes.map(() => new Array<number>(classCount).fill(0));
  const galleryMax = opts.gallery ?? 12;
  const correct: GalleryItem[] = [];
  const wrong: GalleryItem[] = [];
  let hits = 0;
  for (let i = 0; i < count; i++) {
    const label = batch.y[i] ?? 0;
    const predicted = argmax(probs, i * classCount, classCount);
    const row = matrix[label];
    if (row) row[predicted] = (row[predicted] ?? 0) + 1;
    const ok = label === predicted;
    if (ok) hits++;
    const list = ok ? correct : wrong;
    if (list.length < galleryMax) {
      list.push({
        index: i,
        label,
        predicted,
        probs: finiteArray(probs.subarray(i * classCount, (i + 1) * classCount)),
        png: encodePngBase64(sampleBytes(samples, i), samples.shape),
      });
    }
  }
  return { split, classes, count, accuracy: count > 0 ? hits / count : 0, matrix, correct, wrong };
}

/** A dropped picture, resized like training data, and the run's softmax for it. */
export async function predictDropped(run: LoadedRun, base64: string): Promise<CallResponse<'runs.predict'>> {
  const pixels = decodeImageBase64(base64, run.inputShape);
  const probs = await predictBatch(run, normaliseInput(run, pixels), 1);
  const classes = Array.from({ length: probs.length }, (_, i) => run.norm.classes[i] ?? String(i));
  return {
    input: encodePngBase64(pixels, run.inputShape),
    classes,
    probs: finiteArray(probs),
    top: argmax(probs, 0, probs.length),
  };
}
