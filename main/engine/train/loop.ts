import * as tf from '@tensorflow/tfjs';
import { hashSeed } from '../../../core/random';
import { finiteOrNull, type EpochEvent, type TrainingEvent } from '../../../core/training/events';
import { epochsToRun, learningRateAt, type TrainingSettings } from '../../../core/training/settings';
import { RunControl, TrainingFailure } from './control';
import { setLearningRate } from './optimizer';
import {
  collectTrainable,
  evaluate,
  seedDropout,
  trainStep,
  yieldToEventLoop,
  type BatchSource,
} from './step';

/** What survives between epochs besides weights and optimizer slots: checkpointed for exact resume. */
export interface LoopState {
  /** The next epoch to run, from 0. */
  epoch: number;
  /** Optimisation steps taken so far (drives dropout seeds and gradient-norm cadence). */
  step: number;
  bestValLoss: number | null;
  epochsWithoutImprovement: number;
}

export const INITIAL_LOOP_STATE: LoopState = {
  epoch: 0,
  step: 0,
  bestValLoss: null,
  epochsWithoutImprovement: 0,
};

export interface TrainLoopOptions {
  model: tf.LayersModel;
  nodeIdOfLayer(layerName: string): string | undefined;
  optimizer: tf.Optimizer;
  train: BatchSource;
  validation: BatchSource | null;
  classes: number;
  settings: TrainingSettings;
  state?: LoopState;
  control?: RunControl;
  emit(event: TrainingEvent): void;
  /** Called after every completed epoch (checkpointing); its time is not counted as training. */
  onEpochEnd?(state: LoopState, metrics: EpochEvent): Promise<void>;
  now?(): number;
  /** Minimum gap between two batch events: ~10 a second by default. */
  batchEventIntervalMs?: number;
  /** Share of training time batch events may cost before they are thinned out (default 1%). */
  streamBudget?: number;
}

export interface LoopResult {
  state: LoopState;
  stopped: boolean;
  stoppedEarly: boolean;
  last: EpochEvent | null;
  trainMs: number;
  images: number;
  /** Time spent building and emitting events (incl. gradient norms), in percent of training time. */
  streamOverheadPct: number;
}

/** Share of training time the batch stream may use before batch events are thinned out. */
const STREAM_BUDGET = 0.01;

/** A per-step seed for dropout, independent of the data-order stream. */
function stepSeed(seed: number, step: number): number {
  return hashSeed((seed * 7919 + step) >>> 0) % 2147483647;
}

/**
 * The custom training loop. Deterministic in (weights, optimizer state,
 * settings.seed, state): the data order and dropout depend only on the seed,
 * the epoch and the step, so a run resumed from a checkpoint continues
 * exactly where the uninterrupted one would have been.
 */
export async function runTrainingLoop(opts: TrainLoopOptions): Promise<LoopResult> {
  const { model, optimizer, settings, emit } = opts;
  const now = opts.now ?? (() => performance.now());
  const control = opts.control ?? new RunControl();
  const interval = opts.batchEventIntervalMs ?? 100;
  const streamBudget = opts.streamBudget ?? STREAM_BUDGET;
  const trainable = collectTrainable(model, opts.nodeIdOfLayer);
  const batches = opts.train.batchCount(settings.batchSize);
  const totalEpochs = epochsToRun(settings, batches);
  const capReached = () => settings.maxIterations !== undefined && state.step >= settings.maxIterations;
  const state: LoopState = { ...(opts.state ?? INITIAL_LOOP_STATE) };
  let last: EpochEvent | null = null;
  let streamMs = 0;
  let trainMs = 0;
  let images = 0;
  let stopped = false;
  let stoppedEarly = false;

  const timedEmit = (event: TrainingEvent) => {
    const start = now();
    emit(event);
    streamMs += now() - start;
  };

  epochs: while (state.epoch < totalEpochs && !capReached()) {
    const epoch = state.epoch;
    const epochStart = now();
    let lossSum = 0;
    let correctSum = 0;
    let seen = 0;
    let lastBatchEmit = -Infinity;
    let lr = learningRateAt(settings, epoch, 0, batches);
    for (let index = 0; index < batches; index++) {
      if (control.paused) {
        emit({ type: 'status', phase: 'paused' });
        await control.waitWhilePaused(); // paused time lies outside every batch's timing
        if (!control.stopped) emit({ type: 'status', phase: 'training' });
      }
      if (control.stopped) {
        stopped = true;
        break epochs;
      }
      const stepStart = now();
      const batch = opts.train.batch(epoch, index, settings.batchSize);
      lr = learningRateAt(settings, epoch, index / batches, batches);
      setLearningRate(optimizer, lr);
      seedDropout(model, stepSeed(settings.seed, state.step));
      const wantGradNorms = settings.gradNormEvery > 0 && state.step % settings.gradNormEvery === 0;
      const result = await trainStep({
        model,
        optimizer,
        trainable,
        batch,
        shape: opts.train.shape,
        classes: opts.classes,
        weightDecay: settings.weightDecay,
        wantGradNorms,
      });
      state.step++;
      const lastOfRun = capReached();
      if (!Number.isFinite(result.loss)) {
        throw new TrainingFailure(
          'nan',
          `loss became ${result.loss} at epoch ${epoch + 1}, batch ${index + 1}`,
          {
            epoch: epoch + 1,
            batch: index + 1,
          },
        );
      }
      lossSum += result.loss * batch.size;
      correctSum += result.acc * batch.size;
      seen += batch.size;
      images += batch.size;
      const t = now();
      if (result.gradNorms) {
        const norms = result.gradNorms;
        timedEmit({
          type: 'gradNorms',
          step: state.step,
          layers: trainable.kernels.map((k, i) => ({
            nodeId: k.nodeId,
            norm: finiteOrNull(norms[i] ?? NaN),
          })),
        });
      }
      // Self-limiting: on very fast models even ~10 events/s could cost more than the budget, so skip until under it.
      const withinBudget = !(streamMs > streamBudget * trainMs); // NaN (no time yet) counts as within
      const holdAt = { epoch: epoch + 1, batch: index + 1 };
      const held = control.holdsAfter(holdAt); // test only: the page shows exactly where the run holds
      if ((t - lastBatchEmit >= interval && withinBudget) || index === batches - 1 || lastOfRun || held) {
        lastBatchEmit = t;
        const elapsed = (t - epochStart) / 1000;
        timedEmit({
          type: 'batch',
          epoch: epoch + 1,
          batch: index + 1,
          batches,
          loss: finiteOrNull(result.loss),
          acc: finiteOrNull(result.acc),
          imgPerSec: elapsed > 0 ? seen / elapsed : 0,
          lr,
        });
      }
      trainMs += now() - stepStart;
      if (held) await control.hold(holdAt); // held time lies outside every batch's timing
      await yieldToEventLoop();
      if (lastOfRun) break; // the iteration cap ends the run mid-epoch; this epoch is still reported
    }
    const trainDuration = now() - epochStart;
    const val = opts.validation
      ? await evaluate(model, opts.validation, opts.classes, settings.batchSize)
      : null;
    const event: EpochEvent = {
      type: 'epoch',
      epoch: epoch + 1,
      epochs: totalEpochs,
      loss: finiteOrNull(lossSum / Math.max(seen, 1)),
      acc: finiteOrNull(correctSum / Math.max(seen, 1)),
      valLoss: val ? finiteOrNull(val.loss) : null,
      valAcc: val ? finiteOrNull(val.acc) : null,
      valError: val ? finiteOrNull(1 - val.acc) : null,
      durationMs: now() - epochStart,
      lr,
      imgPerSec: trainDuration > 0 ? (seen * 1000) / trainDuration : 0,
      numTensors: tf.memory().numTensors,
    };
    state.epoch++;
    stoppedEarly = updateEarlyStopping(state, settings, val?.loss ?? null);
    last = event;
    timedEmit(event);
    await opts.onEpochEnd?.({ ...state }, event);
    if (stoppedEarly) break;
  }
  return {
    state,
    stopped,
    stoppedEarly,
    last,
    trainMs,
    images,
    streamOverheadPct: trainMs > 0 ? (100 * streamMs) / trainMs : 0,
  };
}

/** Returns true when validation loss has not improved by minDelta for `patience` epochs. */
function updateEarlyStopping(state: LoopState, settings: TrainingSettings, valLoss: number | null): boolean {
  const rule = settings.earlyStopping;
  if (!rule || valLoss === null || !Number.isFinite(valLoss)) return false;
  if (state.bestValLoss === null || valLoss < state.bestValLoss - rule.minDelta) {
    state.bestValLoss = valLoss;
    state.epochsWithoutImprovement = 0;
    return false;
  }
  state.epochsWithoutImprovement++;
  return state.epochsWithoutImprovement >= rule.patience;
}
