import * as tf from '@tensorflow/tfjs';
import { hashSeed } from '../../../core/random';
import { modelLogits } from './logits';

/** One batch as the loop feeds it: NHWC floats and class indices. */
export interface Batch {
  x: Float32Array;
  y: Int32Array;
  size: number;
}

/** A split the loop can walk: batch `index` of `epoch` is deterministic in (seed, epoch, index). */
export interface BatchSource {
  readonly count: number;
  readonly shape: [number, number, number];
  batchCount(batchSize: number): number;
  batch(epoch: number, index: number, batchSize: number): Batch;
}

/** Where a kernel's gradient lives and which graph node it reports against. */
export interface KernelRef {
  variableName: string;
  nodeId: string;
}

/** The variables the loop trains, named the way tf.variableGrads keys its gradients. */
export interface TrainableSet {
  variables: tf.Variable[];
  /** Conv/dense kernels: weight decay and gradient norms apply to these only. */
  kernels: KernelRef[];
  kernelVariables: tf.Variable[];
}

export function collectTrainable(
  model: tf.LayersModel,
  nodeIdOfLayer: (layerName: string) => string | undefined,
): TrainableSet {
  const variables: tf.Variable[] = [];
  const kernels: KernelRef[] = [];
  const kernelVariables: tf.Variable[] = [];
  for (const layer of model.layers) {
    for (const weight of layer.trainableWeights) {
      const variable = weight.read();
      if (!(variable instanceof tf.Variable)) continue;
      variables.push(variable);
      if (/(^|\/)kernel(_\d+)?$/.test(weight.originalName)) {
        kernels.push({ variableName: variable.name, nodeId: nodeIdOfLayer(layer.name) ?? layer.name });
        kernelVariables.push(variable);
      }
    }
  }
  return { variables, kernels, kernelVariables };
}

/** Mean categorical cross-entropy of softmax outputs against class indices. */
function crossEntropy(probs: tf.Tensor, labels: tf.Tensor1D, classes: number): tf.Scalar {
  const oneHot = tf.oneHot(labels, classes).toFloat();
  const logProbs = tf.log(tf.clipByValue(probs, 1e-7, 1));
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logProbs), -1))) as tf.Scalar;
}

/**
 * The loss a training step minimises, in training mode: mean cross-entropy
 * plus (weightDecay / 2)·Σw² over conv/dense kernels, so the decay's gradient
 * is weightDecay·w (PyTorch SGD's weight_decay on those weights). `scores`
 * ranks the classes (for accuracy). Call inside a gradient tape.
 */
export function trainingLoss(
  model: tf.LayersModel,
  trainable: TrainableSet,
  x: tf.Tensor,
  y: tf.Tensor1D,
  classes: number,
  weightDecay: number,
): { loss: tf.Scalar; scores: tf.Tensor } {
  // From the logits (log-softmax), as PyTorch's cross_entropy: log(clip(softmax)) has zero gradient
  // for every sample whose true class is below the clip, which a deep net's confident start hits.
  const logits = modelLogits(model, x, true);
  const scores = logits ?? (model.apply(x, { training: true }) as tf.Tensor);
  const ce = logits ? logitsCrossEntropy(logits, y, classes) : crossEntropy(scores, y, classes);
  if (weightDecay <= 0 || trainable.kernelVariables.length === 0) return { loss: ce, scores };
  const l2 = tf.addN(trainable.kernelVariables.map((v) => tf.sum(tf.square(v))));
  return { loss: tf.add(ce, tf.mul(l2, weightDecay / 2)), scores };
}

function logitsCrossEntropy(logits: tf.Tensor, labels: tf.Tensor1D, classes: number): tf.Scalar {
  const oneHot = tf.oneHot(labels, classes).toFloat();
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1))) as tf.Scalar;
}

function correctCount(probs: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.equal(tf.argMax(probs, -1).toInt(), labels).toFloat());
}

export function toTensors(batch: Batch, shape: [number, number, number]): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const x = tf.tensor4d(batch.x.subarray(0, batch.size * shape[0] * shape[1] * shape[2]), [
    batch.size,
    ...shape,
  ]);
  const y = tf.tensor1d(batch.y.subarray(0, batch.size), 'int32');
  return { x, y };
}

export interface StepResult {
  loss: number;
  acc: number;
  /** L2 norm of each kernel's gradient, in `TrainableSet.kernels` order, when asked for. */
  gradNorms: Float32Array | null;
}

/**
 * One optimisation step in training mode (batch norm uses and updates batch
 * statistics, dropout is active). Every intermediate tensor is freed here.
 */
export async function trainStep(opts: {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  trainable: TrainableSet;
  batch: Batch;
  shape: [number, number, number];
  classes: number;
  weightDecay: number;
  wantGradNorms: boolean;
}): Promise<StepResult> {
  const { model, optimizer, trainable, classes, weightDecay } = opts;
  let correct: tf.Scalar | null = null;
  const kept = tf.tidy((): tf.Tensor[] => {
    const { x, y } = toTensors(opts.batch, opts.shape);
    const { value, grads } = tf.variableGrads(() => {
      const { loss, scores } = trainingLoss(model, trainable, x, y, classes, weightDecay);
      correct = tf.keep(correctCount(scores, y));
      return loss;
    }, trainable.variables);
    const gradNorms = opts.wantGradNorms
      ? tf.stack(
          trainable.kernels.map((k) =>
            grads[k.variableName] ? tf.norm(grads[k.variableName]!) : tf.scalar(0),
          ),
        )
      : null;
    optimizer.applyGradients(grads);
    return gradNorms ? [value, gradNorms] : [value];
  });
  const loss = kept[0]!;
  const norms = kept[1] ?? null;
  try {
    const lossValue = (await loss.data())[0]!;
    const correctValue = correct ? (await (correct as tf.Scalar).data())[0]! : 0;
    const gradNorms = norms && trainable.kernels.length > 0 ? Float32Array.from(await norms.data()) : null;
    return { loss: lossValue, acc: correctValue / Math.max(opts.batch.size, 1), gradNorms };
  } finally {
    loss.dispose();
    norms?.dispose();
    (correct as tf.Scalar | null)?.dispose();
  }
}

/** Mean loss and accuracy over a whole split, in inference mode. */
export async function evaluate(
  model: tf.LayersModel,
  source: BatchSource,
  classes: number,
  batchSize: number,
): Promise<{ loss: number; acc: number }> {
  let lossSum = 0;
  let correctSum = 0;
  let seen = 0;
  const batches = source.batchCount(batchSize);
  for (let index = 0; index < batches; index++) {
    const batch = source.batch(0, index, batchSize);
    const result = tf.tidy(() => {
      const { x, y } = toTensors(batch, source.shape);
      const probs = model.apply(x, { training: false }) as tf.Tensor;
      return tf.stack([tf.mul(crossEntropy(probs, y, classes), batch.size), correctCount(probs, y)]);
    });
    const [batchLoss, batchCorrect] = await result.data();
    result.dispose();
    lossSum += batchLoss ?? NaN;
    correctSum += batchCorrect ?? 0;
    seen += batch.size;
    await yieldToEventLoop();
  }
  return seen === 0 ? { loss: NaN, acc: NaN } : { loss: lossSum / seen, acc: correctSum / seen };
}

/** Lets queued messages (pause, stop) in between batches of synchronous kernels. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Deepwire's SeededDropout exposes its PRNG position; tfjs's own Dropout only a seed. */
interface DropoutRng {
  restoreRngState(state: number): void;
}

function hasRngState(layer: unknown): layer is DropoutRng {
  return typeof (layer as Partial<DropoutRng>).restoreRngState === 'function';
}

/**
 * Sets every dropout layer's mask stream from (run seed, step), so masks
 * differ every batch yet depend on nothing a checkpoint does not hold.
 */
export function seedDropout(model: tf.LayersModel, stepSeed: number): void {
  model.layers.forEach((layer, index) => {
    const seed = hashSeed((stepSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
    if (hasRngState(layer)) layer.restoreRngState(seed);
    else if (layer.getClassName() === 'Dropout')
      (layer as unknown as { seed?: number }).seed = seed % 2147483647;
  });
}
