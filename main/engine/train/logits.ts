import * as tf from '@tensorflow/tfjs';

/**
 * The pre-softmax scores of a compiled graph. The Output node compiles to a
 * Dense layer with a softmax activation, so the model's own output is
 * probabilities; training needs the logits, because cross-entropy computed
 * from log(probabilities) loses every sample whose true-class probability
 * underflows (and a clipped log has zero gradient there). The logits are
 * recomputed from the Output layer's input and its own kernel and bias, so
 * they share the model's variables and gradients flow into them.
 */
interface DenseWeights {
  kernel: tf.Variable;
  bias: tf.Variable | null;
}

interface LogitsView {
  features: tf.LayersModel;
  dense: DenseWeights;
}

const views = new WeakMap<tf.LayersModel, LogitsView | null>();

function denseWeights(layer: tf.layers.Layer): DenseWeights | null {
  let kernel: tf.Variable | null = null;
  let bias: tf.Variable | null = null;
  for (const weight of layer.weights) {
    const value = weight.read();
    if (!(value instanceof tf.Variable)) return null;
    if (weight.originalName.endsWith('/kernel')) kernel = value;
    else if (weight.originalName.endsWith('/bias')) bias = value;
  }
  return kernel ? { kernel, bias } : null;
}

function isSoftmaxDense(layer: tf.layers.Layer): boolean {
  const config = layer.getConfig();
  return layer.getClassName() === 'Dense' && config.activation === 'softmax';
}

function viewOf(model: tf.LayersModel): LogitsView | null {
  if (views.has(model)) return views.get(model) ?? null;
  let view: LogitsView | null = null;
  const output = model.outputs[0];
  const layer = output?.sourceLayer as tf.layers.Layer | undefined;
  if (model.outputs.length === 1 && layer && isSoftmaxDense(layer)) {
    const dense = denseWeights(layer);
    const input = layer.input;
    if (dense && !Array.isArray(input) && input.shape.length === 2) {
      view = { features: tf.model({ inputs: model.inputs, outputs: input }), dense };
    }
  }
  views.set(model, view);
  return view;
}

/**
 * Logits for `x` (training or inference mode), or null when the model does
 * not end in a softmax Dense (then only its probabilities are available).
 */
export function modelLogits(model: tf.LayersModel, x: tf.Tensor, training: boolean): tf.Tensor2D | null {
  const view = viewOf(model);
  if (!view) return null;
  const features = view.features.apply(x, { training }) as tf.Tensor2D;
  const scores: tf.Tensor2D = tf.matMul(features, view.dense.kernel as tf.Tensor2D);
  return view.dense.bias ? tf.add<tf.Tensor2D>(scores, view.dense.bias) : scores;
}
