import { writeFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseDocument } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import { analyzeGraph } from '../../../core/graph/validate';
import type { RunSummary, TrainingEvent } from '../../../core/training/events';
import {
  estimateTrainingMemory,
  isOutOfMemory,
  memoryRefusal,
  memoryWarning,
  outOfMemoryReason,
} from '../../../core/training/memoryEstimate';
import { gpuBufferRefusal } from '../../../core/training/gpuLimits';
import type { TrainingSettings } from '../../../core/training/settings';
import { formatBackendReport, initBackend } from '../backends';
import { compileGraph, CompileError } from '../compile';
import { DatasetError } from '../data';
import { loadLatestCheckpoint, restoreCheckpoint, saveCheckpoint, saveModelFolder } from './checkpoint';
import { RunControl, TrainingFailure } from './control';
import { DataMismatch, prepareData } from './data';
import { freezeNodes, loadInitialWeights } from './fineTune';
import { gpuFaultFailure, throwOnGpuFault } from './gpuFault';
import { runTrainingLoop, type LoopState } from './loop';
import { createOptimizer, disposeOptimizer } from './optimizer';
import { MetricsLog, readJson, RUN_FILES, writeRunStart, type Normalisation } from './runFolder';
import { evaluate } from './step';

export interface SessionOptions {
  runId: string;
  runDir: string;
  /** Fresh runs give the graph and settings; a resumed run reads them from its folder. */
  start: { document: unknown; settings: TrainingSettings } | { resume: true; dataset?: string };
  emit(event: TrainingEvent): void;
  control?: RunControl;
  cacheDir?: string;
  /** The machine's memory for the pre-flight refusal and warning (default os.totalmem(); tests pass a small one). */
  totalMemoryBytes?: number;
}

/** Maps anything a run can throw to the failed event the user sees. */
export function toFailedEvent(error: unknown): Extract<TrainingEvent, { type: 'failed' }> {
  // After a GPU fault, whatever a later read threw is a symptom; the fault is the reason.
  const gpu = gpuFaultFailure();
  if (gpu) return { type: 'failed', reason: gpu.message, code: gpu.code };
  if (error instanceof TrainingFailure)
    return { type: 'failed', reason: error.message, code: error.code, ...error.where };
  if (error instanceof CompileError) {
    // The node travels in `nodeId`; readers add it once.
    return {
      type: 'failed',
      reason: error.reason,
      code: 'compile',
      ...(error.nodeId ? { nodeId: error.nodeId } : {}),
    };
  }
  if (error instanceof DatasetError || error instanceof DataMismatch) {
    return { type: 'failed', reason: error.message, code: 'data' };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (isOutOfMemory(message)) return { type: 'failed', reason: outOfMemoryReason(message), code: 'oom' };
  return { type: 'failed', reason: message, code: 'internal' };
}

function parseGraph(input: unknown): GraphDocument {
  const parsed = parseDocument(input);
  if (!parsed.ok) {
    throw new TrainingFailure('compile', `the graph is not valid: ${JSON.stringify(parsed.error)}`);
  }
  const errors = analyzeGraph(parsed.document).problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (first) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new TrainingFailure('compile', `Fix the graph before training: ${first.message}${more}`, {
      ...(first.nodeId ? { nodeId: first.nodeId } : {}),
    });
  }
  return parsed.document;
}

/**
 * One run, start to finish, inside the training process: backend, compile,
 * data, loop with a checkpoint per epoch, test evaluation, final model. Every
 * event goes to `emit` and to the run's metrics.jsonl. Never throws: a failure
 * becomes a `failed` event and the returned promise resolves to null.
 */
export async function runSession(opts: SessionOptions): Promise<RunSummary | null> {
  const { runDir } = opts;
  let log: MetricsLog | null = null;
  const emit = (event: TrainingEvent) => {
    log?.append(event);
    opts.emit(event);
  };
  const started = performance.now();
  let model: tf.LayersModel | null = null;
  let optimizer: tf.Optimizer | null = null;
  try {
    const resume = 'resume' in opts.start;
    const settings: TrainingSettings =
      'resume' in opts.start ? await resumedSettings(runDir, opts.start.dataset) : opts.start.settings;
    const rawGraph: unknown =
      'resume' in opts.start ? await readJson(join(runDir, RUN_FILES.graph)) : opts.start.document;
    emit({ type: 'status', phase: 'compiling', message: resume ? 'resuming' : 'starting' });
    const report = await initBackend(settings.backend === 'auto' ? {} : { force: settings.backend });
    const backend = report.chosen;
    emit({ type: 'status', phase: 'compiling', backend, backendReport: formatBackendReport(report) });

    const document = parseGraph(rawGraph);
    const gpuLimits = report.attempts.find((a) => a.backend === backend)?.adapter;
    const gpuRefusal = gpuLimits ? gpuBufferRefusal(document, settings.batchSize, gpuLimits) : null;
    if (gpuRefusal) throw new TrainingFailure('oom', gpuRefusal.message, { nodeId: gpuRefusal.nodeId });
    const estimate = estimateTrainingMemory(document, settings);
    const memory = opts.totalMemoryBytes ?? totalmem();
    const refusal = memoryRefusal(estimate, memory);
    if (refusal) {
      throw new TrainingFailure('oom', refusal.message, refusal.nodeId ? { nodeId: refusal.nodeId } : {});
    }
    const warning = memoryWarning(estimate, memory, settings.batchSize);
    if (warning) emit({ type: 'status', phase: 'compiling', message: warning });
    const compiled = compileGraph(document, { seed: settings.seed });
    model = compiled.model;
    if (settings.initFrom !== undefined) {
      const init = await loadInitialWeights(model, runDir, settings.initFrom);
      const message = `starting from run ${settings.initFrom}: ${init.loaded} of ${init.total} weights loaded`;
      emit({ type: 'status', phase: 'compiling', message });
    }
    const frozen = freezeNodes(compiled, document);
    if (frozen.length > 0)
      emit({ type: 'status', phase: 'compiling', message: `frozen layers: ${frozen.join(', ')}` });
    const inputShape = model.inputs[0]?.shape.slice(1) ?? [];
    const outputShape = model.outputs[0]?.shape ?? [];
    const classes = outputShape[outputShape.length - 1] ?? 0;
    if (
      model.inputs.length !== 1 ||
      inputShape.length !== 3 ||
      inputShape.some((d) => d === null) ||
      !classes
    ) {
      throw new TrainingFailure(
        'compile',
        'training needs exactly one image input [height, width, channels] and a classifier output',
      );
    }
    const imageShape = inputShape as [number, number, number];

    emit({ type: 'status', phase: 'loading-data', message: settings.dataset });
    const data = await prepareData(
      settings,
      imageShape,
      classes,
      opts.cacheDir ? { cacheDir: opts.cacheDir } : {},
    );

    if (!resume) {
      await writeRunStart(runDir, JSON.stringify(document, null, 2), settings, {
        runId: opts.runId,
        datasetHash: data.dataset.hash,
        dataset: settings.dataset,
        seed: settings.seed,
        backend,
      });
      const normalisation: Normalisation = { inputShape: imageShape, ...data.stats, classes: data.classes };
      await writeFile(join(runDir, RUN_FILES.normalisation), JSON.stringify(normalisation));
    }
    log = new MetricsLog(runDir);

    optimizer = createOptimizer(settings.optimizer, settings.learningRate);
    let state: LoopState | undefined;
    if (resume) {
      const checkpoint = await loadLatestCheckpoint(runDir);
      if (checkpoint) state = await restoreCheckpoint(model, optimizer, checkpoint);
    }
    emit({ type: 'status', phase: 'training', backend });
    const trainedModel = model;
    const trainedOptimizer = optimizer;
    const result = await runTrainingLoop({
      model,
      nodeIdOfLayer: compiled.nodeIdOfLayer,
      optimizer,
      train: data.train,
      validation: data.validation,
      classes,
      settings,
      ...(state ? { state } : {}),
      ...(opts.control ? { control: opts.control } : {}),
      emit: (event) => {
        throwOnGpuFault();
        emit(event);
      },
      onEpochEnd: async (loopState) => {
        throwOnGpuFault(); // a faulted device's weights are not worth a checkpoint
        await saveCheckpoint(runDir, trainedModel, trainedOptimizer, loopState);
      },
    });
    if (result.stopped) {
      emit({ type: 'status', phase: 'stopped', message: `stopped after ${result.state.epoch} epoch(s)` });
      return null;
    }
    const test = data.test ? await evaluate(model, data.test, classes, settings.batchSize) : null;
    await saveModelFolder(join(runDir, RUN_FILES.model), model);
    const last = result.last;
    const summary: RunSummary = {
      epochs: result.state.epoch,
      stoppedEarly: result.stoppedEarly,
      stopped: false,
      loss: last?.loss ?? null,
      acc: last?.acc ?? null,
      valLoss: last?.valLoss ?? null,
      valAcc: last?.valAcc ?? null,
      ...(test ? { testLoss: finite(test.loss), testAcc: finite(test.acc) } : {}),
      durationMs: performance.now() - started,
      imgPerSec: result.trainMs > 0 ? (result.images * 1000) / result.trainMs : 0,
      backend,
      streamOverheadPct: result.streamOverheadPct,
      runDir,
    };
    emit({ type: 'done', summary });
    return summary;
  } catch (error) {
    emit(toFailedEvent(error));
    return null;
  } finally {
    model?.dispose();
    if (optimizer) disposeOptimizer(optimizer);
    await log?.close();
  }
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** A resumed run's stored settings, with the host's confined dataset spec when it gave one. */
async function resumedSettings(runDir: string, dataset: string | undefined): Promise<TrainingSettings> {
  const stored = await readJson<TrainingSettings>(join(runDir, RUN_FILES.settings));
  return dataset === undefined ? stored : { ...stored, dataset };
}
