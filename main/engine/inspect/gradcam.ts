import { tf } from '../backends';
import { finiteArray, InspectError, outputNodeOf, shapesOf, type LoadedRun } from './loadRun';
import { topClass } from './classify';
import { convStages } from './stages';

export interface CamLayer {
  /** The canvas node the user picks (a conv or a composite of convs). */
  id: string;
  label: string;
  /** The tfjs layer whose output is the map: the end of the conv's BN/activation chain. */
  layerName: string;
}

export interface GradCam {
  nodeId: string;
  layers: { id: string; label: string }[];
  probs: number[];
  classIndex: number;
  height: number;
  width: number;
  /** ReLU(Σ_k α_k A_k) at the layer's resolution, row-major. */
  values: number[];
}

/** The conv layers a Grad-CAM can be taken at (spatial output), input to output. */
export function camLayers(run: LoadedRun): CamLayer[] {
  const shapes = shapesOf(run.document);
  const order = new Map(run.compiled.model.layers.map((layer, i) => [layer.name, i]));
  const byId = new Map(run.document.nodes.map((n) => [n.id, n]));
  const layers: (CamLayer & { at: number })[] = [];
  for (const [id, stageEnd] of convStages(run.document, run.expanded)) {
    if ((shapes.get(stageEnd)?.length ?? 0) !== 3) continue;
    const layerName = run.compiled.layerNameOf(outputNodeOf(run, stageEnd));
    const at = order.get(layerName);
    if (at === undefined) continue;
    layers.push({ id, label: byId.get(id)?.label ?? id, layerName, at });
  }
  return layers.sort((a, b) => a.at - b.at).map(({ id, label, layerName }) => ({ id, label, layerName }));
}

type Values = Map<number, tf.Tensor>;

function isSoftmaxDense(layer: tf.layers.Layer): boolean {
  return layer.getClassName() === 'Dense' && layer.getConfig().activation === 'softmax';
}

/**
 * Runs `layers` eagerly in inference mode, reading each layer's inputs from
 * `values` (keyed by symbolic tensor id) and storing its outputs there. A
 * softmax Output layer yields its pre-softmax scores instead: Grad-CAM takes
 * the gradient of the class score, not of its probability.
 */
function runLayers(layers: tf.layers.Layer[], values: Values, output: tf.layers.Layer): void {
  for (const layer of layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const node = layer.inboundNodes.find((n) => n.inputTensors.every((t) => values.has(t.id)));
    if (!node) throw new Error(`layer ${layer.name}: inputs not computed`);
    const inputs = node.inputTensors.map((t) => values.get(t.id) as tf.Tensor);
    let outputs: tf.Tensor | tf.Tensor[];
    if (layer === output && isSoftmaxDense(layer)) {
      const [kernel, bias] = layer.getWeights();
      const scores = tf.matMul(inputs[0] as tf.Tensor2D, kernel as tf.Tensor2D);
      outputs = bias ? tf.add(scores, bias) : scores;
    } else {
      outputs = layer.apply(inputs.length === 1 ? inputs[0]! : inputs, { training: false }) as
        tf.Tensor | tf.Tensor[];
    }
    const list = Array.isArray(outputs) ? outputs : [outputs];
    node.outputTensors.forEach((t, i) => {
      const value = list[i];
      if (value) values.set(t.id, value);
    });
  }
}

/**
 * Grad-CAM (Selvaraju et al.) for one normalised input: A = the chosen conv
 * layer's map, α_k = mean over positions of ∂score_c/∂A_k, map =
 * ReLU(Σ_k α_k A_k). The layers after the chosen one are re-run on A so the
 * gradient flows through the model's own layers and weights (skips and
 * merges included); everything made here is tidied.
 */
export async function gradCam(
  run: LoadedRun,
  input: Float32Array,
  opts: { nodeId?: string | undefined; classIndex?: number | undefined },
): Promise<GradCam> {
  const layers = camLayers(run);
  const target = opts.nodeId === undefined ? layers.at(-1) : layers.find((l) => l.id === opts.nodeId);
  if (!target) {
    throw opts.nodeId === undefined
      ? new InspectError('bad-request', 'this net has no conv layer to take a Grad-CAM at', 'nodeId')
      : new InspectError(
          'not-found',
          `node '${opts.nodeId}' is not a conv layer with a spatial map`,
          'nodeId',
        );
  }
  const model = run.compiled.model;
  const all = model.layers;
  const split = all.findIndex((l) => l.name === target.layerName);
  const output = model.outputs[0]?.sourceLayer as tf.layers.Layer | undefined;
  const mapTensor = all[split]?.inboundNodes[0]?.outputTensors[0];
  const modelInput = model.inputs[0];
  if (split < 0 || !output || !mapTensor || !modelInput)
    throw new InspectError('not-found', `node '${target.id}' has no layer in the compiled model`, 'nodeId');
  const [h, w, c] = run.inputShape;

  const { scores, cam, wanted } = tf.tidy(() => {
    const before: Values = new Map([[modelInput.id, tf.tensor4d(input, [1, h, w, c])]]);
    runLayers(all.slice(0, split + 1), before, output);
    const a = before.get(mapTensor.id);
    if (!a) throw new Error(`layer ${target.layerName}: no output`);
    const scoresOf = (value: tf.Tensor): tf.Tensor => {
      const values: Values = new Map(before);
      values.set(mapTensor.id, value);
      runLayers(all.slice(split + 1), values, output);
      const result = values.get(model.outputs[0]!.id);
      if (!result) throw new Error('the model output was not computed');
      return result;
    };
    const scores = scoresOf(a);
    const classCount = scores.shape[1] ?? 0;
    const wanted = opts.classIndex ?? topClass(scores.dataSync());
    if (wanted >= classCount)
      throw new InspectError('bad-request', `class ${wanted} is outside 0..${classCount - 1}`, 'classIndex');
    const oneHot = tf.oneHot([wanted], classCount).toFloat();
    const grads = tf.grad((value: tf.Tensor) => tf.sum(tf.mul(scoresOf(value), oneHot)))(a);
    const alpha = tf.mean(grads, [0, 1, 2]);
    const cam = tf.relu(tf.sum(tf.mul(a, alpha), -1));
    return { scores, cam, wanted };
  });
  try {
    const probs = isSoftmaxDense(output) ? tf.softmax(scores) : scores;
    const probValues = finiteArray(await probs.data());
    if (probs !== scores) probs.dispose();
    return {
      nodeId: target.id,
      layers: layers.map(({ id, label }) => ({ id, label })),
      probs: probValues,
      classIndex: wanted,
      height: cam.shape[1] ?? 0,
      width: cam.shape[2] ?? 0,
      values: finiteArray(await cam.data()),
    };
  } finally {
    scores.dispose();
    cam.dispose();
  }
}
