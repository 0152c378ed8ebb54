import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { epochOrder, fillBatch, type Samples } from '../../data';
import { imageSize } from '../../data/types';
import { DatasetCache, runSplit } from '../../inspect/samples';
import { readJson, RUN_FILES, type Normalisation } from '../../train/runFolder';
import { ExportError } from '../ir';
import type { LoadedRun } from '../run';
import { MIN_AGREEMENT, type Verification } from '../types';
import { encodeModel, DATA_TYPE, type OnnxModel } from './onnx-proto';
import { calibrationTensors, quantizeModel, type Range } from './quantize';
import { ONNX_INPUT, ONNX_OUTPUT } from './toOnnx';

export const INT8_FILE = 'model.int8.onnx';
/** The measured size, agreement and accuracy change, stored beside the model. */
export const QUANTIZATION_FILE = 'quantization.json';
/** Training images whose activations set the ranges (static calibration). */
export const CALIBRATION_IMAGES = 300;
/** Test images the int8 model is compared on (the whole test split up to this). */
export const MAX_TEST_IMAGES = 2000;
const CHUNK = 100;

export type QuantizationReport = {
  scheme: string;
  calibration: { split: 'train'; images: number };
  floatBytes: number;
  int8Bytes: number;
  /** floatBytes / int8Bytes. */
  sizeRatio: number;
  evaluation: {
    split: 'test' | 'validation';
    images: number;
    floatAccuracy: number;
    int8Accuracy: number;
    /** int8Accuracy − floatAccuracy. */
    accuracyChange: number;
    /** Share of images where both models give the same top class. */
    top1Agreement: number;
  };
};

type Ort = typeof import('onnxruntime-node');
type Images = { x: Float32Array; labels: Int32Array; count: number };

async function loadOrt(): Promise<Ort> {
  try {
    return await import('onnxruntime-node');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ExportError(`int8 export needs onnxruntime-node to calibrate and check: ${message}`);
  }
}

/** The run's images as training normalised them: seeded calibration picks and the test (or validation) split. */
async function runImages(
  run: LoadedRun,
  runDir: string,
  dataset: string | undefined,
): Promise<{ calibration: Images; evaluation: Images & { split: 'test' | 'validation' } }> {
  if (!run.settings) throw new ExportError(`${RUN_FILES.settings} names no dataset to calibrate on`);
  const settings = dataset === undefined ? run.settings : { ...run.settings, dataset };
  const norm = await readJson<Normalisation>(join(runDir, RUN_FILES.normalisation)).catch(() => {
    throw new ExportError(`the run has no ${RUN_FILES.normalisation}: did it load its data?`);
  });
  const stats = { mean: norm.mean, std: norm.std };
  const view = { settings, inputShape: run.ir.input.shape };
  const cache = new DatasetCache(undefined, 1);
  const images = (samples: Samples, indices: ArrayLike<number>): Images => {
    const batch = fillBatch(samples, indices, { normalise: 'standard', stats });
    return { x: batch.x, labels: batch.y, count: indices.length };
  };
  try {
    const train = (await runSplit(cache, view, 'train')).samples;
    const picks = epochOrder(train.count, settings.seed, 0).slice(0, CALIBRATION_IMAGES);
    // The test split, or the validation split of a dataset that has none.
    const held = await runSplit(cache, view, 'test').then(
      (r) => ({ split: 'test' as const, samples: r.samples }),
      async () => ({
        split: 'validation' as const,
        samples: (await runSplit(cache, view, 'validation')).samples,
      }),
    );
    const count = Math.min(held.samples.count, MAX_TEST_IMAGES);
    const evaluation = images(
      held.samples,
      Uint32Array.from({ length: count }, (_, i) => i),
    );
    return { calibration: images(train, picks), evaluation: { ...evaluation, split: held.split } };
  } catch (error) {
    if (error instanceof ExportError) throw error;
    throw new ExportError(
      `cannot load the run's dataset: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Runs `bytes` over `images` in chunks, handing each chunk's named outputs to `visit`. */
async function runChunks(
  ort: Ort,
  bytes: Uint8Array,
  images: Images,
  shape: [number, number, number],
  outputs: string[],
  visit: (values: Float32Array[], count: number) => void,
): Promise<void> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
  const size = imageSize(shape);
  try {
    for (let from = 0; from < images.count; from += CHUNK) {
      const count = Math.min(CHUNK, images.count - from);
      const x = images.x.subarray(from * size, (from + count) * size);
      const result = await session.run(
        { [ONNX_INPUT]: new ort.Tensor('float32', x, [count, ...shape]) },
        outputs,
      );
      visit(
        outputs.map((name) => result[name]?.data as Float32Array),
        count,
      );
    }
  } finally {
    await session.release();
  }
}

/** Min and max of every tensor a quantized op reads, over the calibration images (float model, extra outputs). */
async function calibrate(ort: Ort, float: OnnxModel, images: Images, shape: [number, number, number]) {
  const names = calibrationTensors(float);
  const probe: OnnxModel = {
    ...float,
    graph: {
      ...float.graph,
      output: [
        ...float.graph.output,
        ...names.map((name) => ({ name, type: { tensorType: { elemType: DATA_TYPE.FLOAT } } })),
      ],
    },
  };
  const ranges = new Map<string, Range>(names.map((n) => [n, { min: Infinity, max: -Infinity }]));
  await runChunks(ort, encodeModel(probe), images, shape, names, (values) => {
    values.forEach((data, i) => {
      const range = ranges.get(names[i]!)!;
      for (const v of data) {
        if (v < range.min) range.min = v;
        if (v > range.max) range.max = v;
      }
    });
  });
  return ranges;
}

async function topClasses(ort: Ort, bytes: Uint8Array, images: Images, shape: [number, number, number]) {
  const top = new Int32Array(images.count);
  let at = 0;
  await runChunks(ort, bytes, images, shape, [ONNX_OUTPUT], ([probs], count) => {
    const classes = probs!.length / count;
    for (let n = 0; n < count; n++, at++) {
      let best = 0;
      for (let c = 1; c < classes; c++) if (probs![n * classes + c]! > probs![n * classes + best]!) best = c;
      top[at] = best;
    }
  });
  return top;
}

function share(count: number, hit: (i: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < count; i++) if (hit(i)) hits++;
  return count > 0 ? hits / count : 0;
}

/**
 * Writes the QDQ int8 model and quantization.json: calibrates on the run's
 * training images, then runs the float and the int8 model in onnxruntime on
 * its test split, so the stored figures describe exactly the bytes written.
 * `dataset` replaces the run's spec (the host's confined one).
 */
export async function writeOnnxInt8(
  run: LoadedRun,
  runDir: string,
  float: OnnxModel,
  dir: string,
  dataset?: string,
): Promise<string[]> {
  const ort = await loadOrt();
  const shape = run.ir.input.shape;
  const { calibration, evaluation } = await runImages(run, runDir, dataset);
  const ranges = await calibrate(ort, float, calibration, shape);
  const floatBytes = encodeModel(float);
  const int8Bytes = encodeModel(quantizeModel(float, ranges));
  const floatTop = await topClasses(ort, floatBytes, evaluation, shape);
  const int8Top = await topClasses(ort, int8Bytes, evaluation, shape);
  const floatAccuracy = share(evaluation.count, (i) => floatTop[i] === evaluation.labels[i]);
  const int8Accuracy = share(evaluation.count, (i) => int8Top[i] === evaluation.labels[i]);
  const report: QuantizationReport = {
    scheme:
      'ONNX QDQ: Conv/Gemm weights int8 symmetric per output channel, biases int32, ' +
      'their inputs uint8 per tensor with static ranges',
    calibration: { split: 'train', images: calibration.count },
    floatBytes: floatBytes.length,
    int8Bytes: int8Bytes.length,
    sizeRatio: floatBytes.length / int8Bytes.length,
    evaluation: {
      split: evaluation.split,
      images: evaluation.count,
      floatAccuracy,
      int8Accuracy,
      accuracyChange: int8Accuracy - floatAccuracy,
      top1Agreement: share(evaluation.count, (i) => floatTop[i] === int8Top[i]),
    },
  };
  await writeFile(join(dir, INT8_FILE), int8Bytes);
  await writeFile(join(dir, QUANTIZATION_FILE), `${JSON.stringify(report, null, 2)}\n`);
  return [INT8_FILE, QUANTIZATION_FILE];
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The stored figures as the export's check: top-1 agreement with the float model, at least MIN_AGREEMENT. */
export async function verifyOnnxInt8(dir: string): Promise<Verification> {
  const report = await readJson<QuantizationReport>(join(dir, QUANTIZATION_FILE));
  const e = report.evaluation;
  const change = e.accuracyChange >= 0 ? `+${percent(e.accuracyChange)}` : percent(e.accuracyChange);
  return {
    check:
      `ONNX int8 vs float in onnxruntime-node on ${e.images} ${e.split} images: ` +
      `accuracy ${percent(e.floatAccuracy)} → ${percent(e.int8Accuracy)} (${change}), ` +
      `${report.sizeRatio.toFixed(2)}× smaller`,
    ran: true,
    agreement: e.top1Agreement,
  };
}

export { MIN_AGREEMENT };
