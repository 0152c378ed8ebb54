import type { GraphDocument } from '../../../core/graph/schema';
import { learningRateAt, type TrainingSettings } from '../../../core/training/settings';
import { tf } from '../backends/tf';
import { compileGraph, type CompiledGraph } from '../compile';
import { buildIr, type ExportIr, type IrWeight } from '../export/ir';
import { modelPy } from '../export/pytorch/modelPy';
import { reluMasks, type ReluMask } from './reluMasks';
import { runTrainingLoop } from '../train/loop';
import { modelLogits } from '../train/logits';
import { createOptimizer, disposeOptimizer, setLearningRate } from '../train/optimizer';
import {
  collectTrainable,
  evaluate,
  toTensors,
  trainingLoss,
  trainStep,
  type Batch,
  type BatchSource,
} from '../train/step';

/** Deepwire's side of one parity case: what it computed at step 1, and after. */
export interface StepOne {
  loss: number;
  logits: Float32Array;
  /** Every trainable tensor's gradient, keyed and laid out like the exported state_dict. */
  grads: Map<string, IrWeight>;
  /** The side of each ReLU kink this forward took, for the float64 reference to take too. */
  reluMasks: ReluMask[];
}

export interface EpochErrors {
  /** Share of the epoch's training batches misclassified while training (training mode, weights moving). */
  runningError: number;
  /** One evaluation pass over the training split after the epoch (inference mode). */
  trainError: number;
  valError: number;
}

/** Dropout draws differ between frameworks, so parity runs the graph with every dropout rate at 0. */
export function withoutDropout(doc: GraphDocument): GraphDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.type === 'dropout' ? { ...n, params: { ...n.params, rate: 0 } } : n)),
  };
}

export function compileForParity(
  doc: GraphDocument,
  seed: number,
): { compiled: CompiledGraph; ir: ExportIr } {
  const compiled = compileGraph(doc, { seed });
  return { compiled, ir: buildIr(doc, compiled) };
}

/** The IR with each weight replaced by its gradient, so modelPy's key/layout mapping applies to gradients too. */
function gradientsAsState(
  ir: ExportIr,
  compiled: CompiledGraph,
  grads: Record<string, tf.Tensor>,
): Map<string, IrWeight> {
  const ops = ir.ops.map((op) => {
    const layer = compiled.model.getLayer(op.name);
    const weights: Record<string, IrWeight> = {};
    for (const [suffix, weight] of Object.entries(op.weights)) {
      const variable = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`))?.read();
      const grad = variable instanceof tf.Variable ? grads[variable.name] : undefined;
      weights[suffix] = {
        shape: weight.shape,
        values: grad ? Float32Array.from(grad.dataSync()) : new Float32Array(weight.values.length),
      };
    }
    return { ...op, weights };
  });
  return new Map(modelPy({ ...ir, ops }).tensors.map((t) => [t.key, t.weight]));
}

/** Loss, logits and gradients of the first batch, through the same loss function the training step uses. */
export function probeStepOne(
  compiled: CompiledGraph,
  ir: ExportIr,
  batch: Batch,
  shape: [number, number, number],
  classes: number,
  weightDecay: number,
): StepOne {
  const trainable = collectTrainable(compiled.model, compiled.nodeIdOfLayer);
  let result: StepOne | undefined;
  tf.tidy(() => {
    const { x, y } = toTensors(batch, shape);
    const { value, grads } = tf.variableGrads(
      () => trainingLoss(compiled.model, trainable, x, y, classes, weightDecay).loss,
      trainable.variables,
    );
    const logits = modelLogits(compiled.model, x, true);
    if (!logits) throw new Error('parity needs a graph that ends in an Output node');
    result = {
      loss: value.dataSync()[0] ?? NaN,
      logits: Float32Array.from(logits.dataSync()),
      grads: gradientsAsState(ir, compiled, grads),
      reluMasks: reluMasks(compiled, ir, x),
    };
  });
  if (!result) throw new Error('step-1 probe produced nothing');
  return result;
}

/** Plain SGD or momentum 0.9: the optimizers whose PyTorch counterpart the harness runs. */
export function momentumOf(settings: TrainingSettings): number {
  if (settings.optimizer === 'sgd') return 0;
  if (settings.optimizer === 'momentum') return 0.9;
  throw new Error(`parity covers sgd and momentum, not ${settings.optimizer}`);
}

/** The loss of each of `batches`, trained one after another with Deepwire's step and optimizer. */
export async function trainSteps(
  compiled: CompiledGraph,
  batches: Batch[],
  learningRates: number[],
  settings: TrainingSettings,
  shape: [number, number, number],
  classes: number,
): Promise<number[]> {
  const optimizer = createOptimizer(settings.optimizer, settings.learningRate);
  const trainable = collectTrainable(compiled.model, compiled.nodeIdOfLayer);
  const losses: number[] = [];
  try {
    for (const [i, batch] of batches.entries()) {
      setLearningRate(optimizer, learningRates[i] ?? settings.learningRate);
      const step = await trainStep({
        model: compiled.model,
        optimizer,
        trainable,
        batch,
        shape,
        classes,
        weightDecay: settings.weightDecay,
        wantGradNorms: false,
      });
      losses.push(step.loss);
    }
  } finally {
    disposeOptimizer(optimizer);
  }
  return losses;
}

/** Copies of the batches a source hands out, in the order it hands them out. */
function recording(source: BatchSource, into: Batch[]): BatchSource {
  return {
    count: source.count,
    shape: source.shape,
    batchCount: (size) => source.batchCount(size),
    batch(epoch, index, size) {
      const batch = source.batch(epoch, index, size);
      into.push({
        x: batch.x.slice(0, batch.size * pixels(source)),
        y: batch.y.slice(0, batch.size),
        size: batch.size,
      });
      return batch;
    },
  };
}

export function pixels(source: { shape: [number, number, number] }): number {
  return source.shape[0] * source.shape[1] * source.shape[2];
}

/**
 * The whole recipe through Deepwire's real training loop; returns the batches
 * it fed (for PyTorch to replay) with the learning rate of each, and the errors per epoch.
 */
export async function trainRecipe(
  compiled: CompiledGraph,
  train: BatchSource,
  validation: BatchSource,
  settings: TrainingSettings,
  classes: number,
): Promise<{ fed: Batch[]; learningRates: number[]; epochs: EpochErrors[] }> {
  const fed: Batch[] = [];
  const optimizer = createOptimizer(settings.optimizer, settings.learningRate);
  const epochs: EpochErrors[] = [];
  try {
    await runTrainingLoop({
      model: compiled.model,
      nodeIdOfLayer: compiled.nodeIdOfLayer,
      optimizer,
      train: recording(train, fed),
      validation,
      classes,
      settings,
      emit: () => undefined,
      onEpochEnd: async (_state, event) => {
        const pass = await evaluate(compiled.model, train, classes, settings.batchSize);
        epochs.push({
          runningError: 1 - (event.acc ?? NaN),
          trainError: 1 - pass.acc,
          valError: event.valError ?? NaN,
        });
      },
    });
  } finally {
    disposeOptimizer(optimizer);
  }
  const perEpoch = train.batchCount(settings.batchSize);
  const learningRates = fed.map((_, step) => {
    const epoch = Math.floor(step / perEpoch);
    return learningRateAt(settings, epoch, (step % perEpoch) / perEpoch);
  });
  return { fed, learningRates, epochs };
}
