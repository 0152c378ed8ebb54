import type { GraphDocument } from '../../../core/graph/schema';
import { tf } from '../backends/tf';
import type { CompiledGraph } from '../compile';
import { buildIr, type ExportIr } from '../export/ir';
import { checkBatch, maxAbsDiff, type CheckBatch } from '../export/run';
import { TOLERANCE } from '../export/types';
import { createOnnxRunner, loadOrt, type LayerOutputs, type OnnxRunner } from './onnxRunner';

/** The engines that can run a trained model forward. */
export const INFERENCE_ENGINES = ['onnxruntime', 'tfjs'] as const;
export type InferenceEngineName = (typeof INFERENCE_ENGINES)[number];

export interface EngineChoice {
  engine: InferenceEngineName;
  /** Why this engine: the check's figures, or why onnxruntime could not be used. */
  reason: string;
  /** onnxruntime's largest difference from tfjs on the check batch; null when it did not run. */
  maxAbsDiff: number | null;
}

export type EngineMeasurement = {
  /** Why onnxruntime cannot run this model at all (no binding, not exportable); absent when it ran. */
  unavailable?: string;
  maxAbsDiff: number | null;
  onnxMs: number | null;
  tfjsMs: number | null;
  force?: InferenceEngineName;
};

/**
 * onnxruntime only where it gives the same probabilities as tfjs (within the
 * export check's tolerance) and was faster on the check batch; tfjs otherwise.
 * A forced engine is honoured only where it can run and is equal.
 */
export function pickEngine(m: EngineMeasurement): EngineChoice {
  const diff = m.maxAbsDiff;
  if (m.unavailable !== undefined || diff === null)
    return {
      engine: 'tfjs',
      reason: `onnxruntime unavailable: ${m.unavailable ?? 'not run'}`,
      maxAbsDiff: diff,
    };
  if (!(diff <= TOLERANCE))
    return {
      engine: 'tfjs',
      reason: `onnxruntime differs from tfjs by ${diff.toExponential(1)} (tolerance ${TOLERANCE})`,
      maxAbsDiff: diff,
    };
  const equal = `equal to tfjs within ${diff.toExponential(1)}`;
  if (m.force) return { engine: m.force, reason: `forced; onnxruntime ${equal}`, maxAbsDiff: diff };
  const times = `${fmtMs(m.onnxMs)} against tfjs ${fmtMs(m.tfjsMs)} on the check batch`;
  if (m.onnxMs !== null && m.tfjsMs !== null && m.onnxMs < m.tfjsMs)
    return { engine: 'onnxruntime', reason: `${equal}, ${times}`, maxAbsDiff: diff };
  return { engine: 'tfjs', reason: `onnxruntime is ${equal} but not faster (${times})`, maxAbsDiff: diff };
}

const fmtMs = (ms: number | null) => (ms === null ? '—' : `${ms.toFixed(1)} ms`);

/** A trained model's forward pass on the engine the check picked. */
export interface Predictor {
  choice: EngineChoice;
  /** Class probabilities [count, classes] for count NHWC inputs, in chunks so memory stays flat. */
  predict(x: Float32Array, count: number): Promise<Float32Array>;
  /**
   * The named layers' outputs through onnxruntime, or null where the maps must
   * come from tfjs (tfjs chosen, or a layer's onnxruntime output not equal).
   */
  layers(x: Float32Array, layerNames: string[]): Promise<LayerOutputs | null>;
  release(): Promise<void>;
}

type RunnerFactory = (ir: ExportIr) => Promise<OnnxRunner>;

export type PredictorOptions = {
  /** `DEEPWIRE_INFER=tfjs|onnxruntime` by default. */
  force?: InferenceEngineName;
  /** onnxruntime-node by default; tests inject a faulty one. */
  createRunner?: RunnerFactory;
  chunk?: number;
};

/** The model's input shape without the batch dimension (NHWC for images). */
function inputDims(compiled: CompiledGraph): number[] {
  return (compiled.model.inputs[0]?.shape ?? []).slice(1).map((d) => d ?? 1);
}

/** Class probabilities through tfjs, in chunks of `chunk`. */
export async function tfjsPredict(
  compiled: CompiledGraph,
  x: Float32Array,
  count: number,
  chunk = 128,
): Promise<Float32Array> {
  const dims = inputDims(compiled);
  const size = dims.reduce((a, b) => a * b, 1);
  let out: Float32Array | null = null;
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const probs = tf.tidy(() => {
      const batch = tf.tensor(x.subarray(start * size, (start + n) * size), [n, ...dims]);
      return compiled.model.predict(batch) as tf.Tensor;
    });
    const values = (await probs.data()) as Float32Array;
    probs.dispose();
    out ??= new Float32Array(count * (probs.shape[1] ?? 0));
    out.set(values, start * (probs.shape[1] ?? 0));
  }
  return out ?? new Float32Array(0);
}

async function defaultRunner(ir: ExportIr): Promise<OnnxRunner> {
  const loaded = await loadOrt();
  if ('error' in loaded) throw new Error(`onnxruntime-node could not load: ${loaded.error}`);
  return createOnnxRunner(loaded.ort, ir);
}

function forcedFromEnv(): InferenceEngineName | undefined {
  const value = process.env['DEEPWIRE_INFER'];
  return INFERENCE_ENGINES.find((e) => e === value);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Runs the model's ONNX export in onnxruntime on the export check's batch,
 * compares it with tfjs and times both (the first call of each warms it up),
 * then keeps the engine `pickEngine` chooses.
 */
export async function createPredictor(
  compiled: CompiledGraph,
  doc: GraphDocument,
  opts: PredictorOptions = {},
): Promise<Predictor> {
  const force = opts.force ?? forcedFromEnv();
  const chunk = opts.chunk ?? 128;
  let runner: OnnxRunner | null = null;
  let batch: CheckBatch | null = null;
  let measurement: EngineMeasurement;
  try {
    const ir = buildIr(doc, compiled);
    batch = checkBatch(compiled, ir);
    runner = await (opts.createRunner ?? defaultRunner)(ir);
    const check = batch;
    const onnx = runner;
    const diff = maxAbsDiff(await onnx.predict(check.x, check.shape[0]), check.expected);
    measurement = {
      maxAbsDiff: diff,
      onnxMs: await timed(() => onnx.predict(check.x, check.shape[0])),
      tfjsMs: await timed(() => tfjsPredict(compiled, check.x, check.shape[0])),
      ...(force ? { force } : {}),
    };
  } catch (error) {
    measurement = {
      unavailable: error instanceof Error ? error.message : String(error),
      maxAbsDiff: null,
      onnxMs: null,
      tfjsMs: null,
    };
  }
  const choice = pickEngine(measurement);
  if (choice.engine === 'tfjs' && runner) {
    await runner.release();
    runner = null;
  }
  const onnx = runner;
  let layersChecked: Promise<boolean> | null = null;
  return {
    choice,
    async predict(x, count) {
      if (!onnx) return tfjsPredict(compiled, x, count, chunk);
      const size = inputDims(compiled).reduce((a, b) => a * b, 1);
      let out: Float32Array | null = null;
      for (let start = 0; start < count; start += chunk) {
        const n = Math.min(chunk, count - start);
        const probs = await onnx.predict(x.subarray(start * size, (start + n) * size), n);
        out ??= new Float32Array((count * probs.length) / n);
        out.set(probs, (start * probs.length) / n);
      }
      return out ?? new Float32Array(0);
    },
    async layers(x, layerNames) {
      if (!onnx || !batch) return null;
      const check = batch;
      layersChecked ??= layersEqual(compiled, onnx, check);
      if (!(await layersChecked)) return null;
      return onnx.layers(x, 1, layerNames);
    },
    release: async () => {
      await onnx?.release();
    },
  };
}

/**
 * Every layer's onnxruntime output against tfjs's on the check batch, each
 * within the tolerance relative to the layer's largest magnitude, so feature
 * maps drawn from onnxruntime are the ones tfjs would draw.
 */
async function layersEqual(compiled: CompiledGraph, onnx: OnnxRunner, check: CheckBatch): Promise<boolean> {
  const model = compiled.model;
  const layers = model.layers.filter(
    (l) => l.inboundNodes.length > 0 && l.name !== model.inputLayers[0]?.name,
  );
  const names = layers.map((l) => l.name);
  const fromOnnx = (await onnx.layers(check.x, check.shape[0], names)).maps;
  const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
  const results = tf.tidy(() => {
    const out = probe.predict(tf.tensor4d(check.x, check.shape));
    return Array.isArray(out) ? out : [out];
  });
  try {
    for (let i = 0; i < names.length; i++) {
      const mine = fromOnnx.get(names[i] ?? '');
      if (!mine) continue;
      const expected = results[i]?.dataSync() ?? new Float32Array(0);
      let scale = 1;
      for (const v of expected) scale = Math.max(scale, Math.abs(v));
      if (!(maxAbsDiff(mine.values, expected) <= TOLERANCE * scale)) return false;
    }
    return true;
  } finally {
    for (const t of results) t.dispose();
  }
}
