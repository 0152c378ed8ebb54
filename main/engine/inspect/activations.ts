import { MAX_FLOATS } from '../../../core/ipc/insightContract';
import { tf } from '../backends';
import { fillBatch } from '../data';
import type { InferenceEngineName } from '../infer/engine';
import { finiteArray, InspectError, outputNodeOf, type LoadedRun } from './loadRun';
import { predictorFor } from './predictor';

export interface FeatureMaps {
  nodeId: string;
  shape: number[];
  channels: number;
  shown: number;
  height: number;
  width: number;
  /** [channel][row][col]; a vector output is one channel of 1×n. */
  values: number[];
}

/** Raw HWC bytes of one picture → the normalised float input the run was trained on. */
export function normaliseInput(run: LoadedRun, pixels: Uint8Array): Float32Array {
  const shape = run.inputShape;
  const batch = fillBatch({ images: pixels, labels: new Uint8Array(1), count: 1, shape }, [0], {
    normalise: 'standard',
    stats: { mean: run.norm.mean, std: run.norm.std },
  });
  return batch.x;
}

/** HWC floats → CHW, keeping at most `maxChannels` channels. */
function toChannelMajor(values: Float32Array, shape: number[], budget: number): FeatureMaps {
  if (shape.length === 3) {
    const [height = 1, width = 1, channels = 1] = shape;
    const plane = height * width;
    const shown = Math.max(0, Math.min(channels, Math.floor(budget / Math.max(plane, 1))));
    const out = new Float32Array(shown * plane);
    for (let c = 0; c < shown; c++) {
      for (let i = 0; i < plane; i++) out[c * plane + i] = values[i * channels + c] ?? 0;
    }
    return { nodeId: '', shape, channels, shown, height, width, values: finiteArray(out) };
  }
  const length = Math.min(values.length, budget);
  return {
    nodeId: '',
    shape,
    channels: 1,
    shown: length > 0 ? 1 : 0,
    height: 1,
    width: length,
    values: finiteArray(values, length),
  };
}

/**
 * Runs one sample through the net and returns the outputs of the chosen
 * nodes (a composite gives its last inner node's output) plus the class
 * probabilities, through onnxruntime where the run's engine check chose it
 * and every layer matched tfjs, else through tfjs.
 */
export async function computeActivations(
  run: LoadedRun,
  input: Float32Array,
  nodeIds: string[],
): Promise<{ maps: FeatureMaps[]; probs: number[]; engine: InferenceEngineName }> {
  const names = nodeIds.map((id) => run.compiled.layerNameOf(outputNodeOf(run, id)));
  const budget = Math.floor(MAX_FLOATS / Math.max(nodeIds.length, 1));
  const fromOnnx = await (await predictorFor(run)).layers(input, names);
  if (fromOnnx && names.every((name) => fromOnnx.maps.has(name))) {
    const maps = names.map((name, i) => {
      const out = fromOnnx.maps.get(name);
      return {
        ...toChannelMajor(out?.values ?? new Float32Array(0), out?.shape ?? [], budget),
        nodeId: nodeIds[i] ?? '',
      };
    });
    return { maps, probs: finiteArray(fromOnnx.probs), engine: 'onnxruntime' };
  }
  return { ...(await tfjsActivations(run, input, nodeIds, names, budget)), engine: 'tfjs' };
}

/**
 * One tf.model over the same layers shares their weights, so it owns no
 * tensors; everything the forward pass makes is tidied.
 */
async function tfjsActivations(
  run: LoadedRun,
  input: Float32Array,
  nodeIds: string[],
  names: string[],
  budget: number,
): Promise<{ maps: FeatureMaps[]; probs: number[] }> {
  const model = run.compiled.model;
  const outputs = names.map((name, i) => {
    try {
      return model.getLayer(name).output as tf.SymbolicTensor;
    } catch {
      throw new InspectError(
        'not-found',
        `node '${nodeIds[i] ?? ''}' has no layer in the compiled model`,
        'nodeIds',
      );
    }
  });
  // tfjs refuses a repeated output: ask for each tensor once and map back.
  const unique = [...new Set([...outputs, ...model.outputs])];
  const probe = tf.model({ inputs: model.inputs, outputs: unique });
  const [h, w, c] = run.inputShape;
  const results = tf.tidy(() => {
    const out = probe.predict(tf.tensor4d(input, [1, h, w, c]));
    return Array.isArray(out) ? out : [out];
  });
  try {
    const maps: FeatureMaps[] = [];
    for (let i = 0; i < nodeIds.length; i++) {
      const tensor = results[unique.indexOf(outputs[i] as tf.SymbolicTensor)];
      if (!tensor) continue;
      const values = (await tensor.data()) as Float32Array;
      maps.push({ ...toChannelMajor(values, tensor.shape.slice(1), budget), nodeId: nodeIds[i] ?? '' });
    }
    const probsTensor = results[unique.indexOf(model.outputs[0] as tf.SymbolicTensor)];
    const probs = probsTensor ? finiteArray(await probsTensor.data()) : [];
    return { maps, probs };
  } finally {
    for (const tensor of results) tensor.dispose();
  }
}

/**
 * Class probabilities for a batch of normalised inputs, in chunks so memory
 * stays flat, on the engine the run's check picked (`inferenceEngineOf`).
 */
export async function predictBatch(run: LoadedRun, x: Float32Array, count: number): Promise<Float32Array> {
  return (await predictorFor(run)).predict(x, count);
}
