import type { CallRequest, CallResponse } from '../../../core/ipc/contract';
import type { GalleryItem } from '../../../core/ipc/insightContract';
import type { Samples } from '../data';
import { normaliseInput, predictBatch } from './activations';
import { classifySplit, topClass } from './classify';
import { finiteArray, type LoadedRun } from './loadRun';
import { decodeImageBase64, encodePngBase64 } from './png';
import { sampleBytes, type DatasetCache } from './samples';

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
  const { samples, count, classes, labels, predicted, probs } = await classifySplit(
    cache,
    run,
    split,
    opts.limit,
  );
  const classCount = classes.length;
  const matrix = classes.map(() => new Array<number>(classCount).fill(0));
  const galleryMax = opts.gallery ?? 12;
  const correct: GalleryItem[] = [];
  const wrong: GalleryItem[] = [];
  let hits = 0;
  for (let i = 0; i < count; i++) {
    const label = labels[i] ?? 0;
    const guess = predicted[i] ?? 0;
    const row = matrix[label];
    if (row) row[guess] = (row[guess] ?? 0) + 1;
    const ok = label === guess;
    if (ok) hits++;
    const list = ok ? correct : wrong;
    if (list.length < galleryMax) list.push(galleryItem(samples, probs, classCount, i, label, guess));
  }
  return { split, classes, count, accuracy: count > 0 ? hits / count : 0, matrix, correct, wrong };
}

/** One evaluated sample as a thumbnail with its softmax. */
export function galleryItem(
  samples: Samples,
  probs: Float32Array,
  classCount: number,
  index: number,
  label: number,
  predicted: number,
): GalleryItem {
  return {
    index,
    label,
    predicted,
    probs: finiteArray(probs.subarray(index * classCount, (index + 1) * classCount)),
    png: encodePngBase64(sampleBytes(samples, index), samples.shape),
  };
}

/**
 * One page of the pictures in a confusion cell (true `label`, predicted
 * `predicted`), from the same classification `evaluateRun` used.
 */
export async function confusionCell(
  cache: DatasetCache,
  run: LoadedRun,
  request: CallRequest<'runs.confusionCell'>,
): Promise<CallResponse<'runs.confusionCell'>> {
  const { samples, count, classes, labels, predicted, probs } = await classifySplit(
    cache,
    run,
    request.split,
    request.limit,
  );
  const items: GalleryItem[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (labels[i] !== request.label || predicted[i] !== request.predicted) continue;
    if (total >= request.offset && items.length < request.pageSize)
      items.push(galleryItem(samples, probs, classes.length, i, request.label, request.predicted));
    total++;
  }
  return { classes, total, offset: request.offset, items };
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
    top: topClass(probs),
  };
}
