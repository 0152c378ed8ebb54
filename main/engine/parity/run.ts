import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphDocument } from '../../../core/graph/schema';
import { createRng } from '../../../core/random';
import { learningRateAt, type TrainingSettings } from '../../../core/training/settings';
import { tf } from '../backends/tf';
import { writePytorch } from '../export/pytorch';
import { prepareData } from '../train/data';
import type { Batch, BatchSource } from '../train/step';
import { compareStepOne, type ParityRow } from './compare';
import {
  compileForParity,
  momentumOf,
  pixels,
  probeStepOne,
  trainRecipe,
  trainSteps,
  withoutDropout,
  type EpochErrors,
  type StepOne,
} from './deepwire';
import { runTorchJobs, type TorchJob } from './torch';

export interface ParityCase {
  name: string;
  doc: GraphDocument;
  settings: TrainingSettings;
  /** Seeded standard-normal images and uniform labels, or the dataset `settings.dataset` names. */
  data: 'synthetic' | 'dataset';
  /** Steps whose loss is compared (step 1 alone when empty); the batches follow the loop's order. */
  reportSteps: number[];
  /** Also train the whole recipe through the real loop and compare the errors per epoch. */
  full: boolean;
}

interface Pending {
  kase: ParityCase;
  stepOne: StepOne;
  losses: number[];
  epochs: EpochErrors[];
  jobs: { steps: number; full?: number };
}

function syntheticBatches(
  count: number,
  size: number,
  shape: [number, number, number],
  classes: number,
  seed: number,
): Batch[] {
  const rng = createRng(seed);
  const n = shape[0] * shape[1] * shape[2];
  return Array.from({ length: count }, () => {
    const x = new Float32Array(size * n);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
    const y = Int32Array.from({ length: size }, () => Math.floor(rng.next() * classes) % classes);
    return { x, y, size };
  });
}

/** The first `count` batches in the training loop's order (epoch by epoch). */
function loopBatches(source: BatchSource, count: number, batchSize: number): Batch[] {
  const perEpoch = source.batchCount(batchSize);
  return Array.from({ length: count }, (_, step) => {
    const b = source.batch(Math.floor(step / perEpoch), step % perEpoch, batchSize);
    return { x: b.x.slice(0, b.size * pixels(source)), y: b.y.slice(0, b.size), size: b.size };
  });
}

/** All of a split as one batch, in stored order (what an evaluation pass walks). */
function wholeSplit(source: BatchSource): Batch {
  const batch = source.batch(0, 0, source.count);
  return {
    x: batch.x.slice(0, source.count * pixels(source)),
    y: batch.y.slice(0, source.count),
    size: source.count,
  };
}

/**
 * Runs each case on the active tfjs backend and in PyTorch from the same
 * exported initial weights and the same batches, then compares them.
 */
export async function runParity(
  cases: readonly ParityCase[],
  opts: {
    python: string;
    workDir: string;
    backend: string;
    threads?: number;
    timeoutMs?: number;
    log?: (line: string) => void;
  },
): Promise<ParityRow[]> {
  const pending: Pending[] = [];
  const jobs: TorchJob[] = [];
  for (const [index, kase] of cases.entries()) {
    opts.log?.(`deepwire: ${kase.name}`);
    const doc = withoutDropout(kase.doc);
    const s = kase.settings;
    const dir = join(opts.workDir, `case${index}`);
    await mkdir(dir, { recursive: true });
    const first = compileForParity(doc, s.seed);
    const shape = first.ir.input.shape;
    const classes = first.ir.classes;
    await writePytorch(first.ir, dir);
    const steps = Math.max(1, ...kase.reportSteps);
    const data = kase.data === 'dataset' ? await prepareData(s, shape, classes) : null;
    const batches = data
      ? loopBatches(data.train, steps, s.batchSize)
      : syntheticBatches(steps, s.batchSize, shape, classes, s.seed);
    const stepOne = probeStepOne(first.compiled, first.ir, batches[0]!, shape, classes, s.weightDecay);
    first.compiled.model.dispose();
    const momentum = momentumOf(s);
    const perEpoch = data ? data.train.batchCount(s.batchSize) : steps;
    const rates = batches.map((_, k) => rateAt(s, k, perEpoch));
    let losses: number[] = [];
    if (steps > 1) {
      const run = compileForParity(doc, s.seed);
      losses = await trainSteps(run.compiled, batches, rates, s, shape, classes);
      run.compiled.model.dispose();
    }
    const entry: Pending = { kase, stepOne, losses, epochs: [], jobs: { steps: jobs.length } };
    jobs.push({
      name: kase.name,
      modelDir: dir,
      inputShape: shape,
      batches,
      learningRates: rates,
      momentum,
      weightDecay: s.weightDecay,
      reluMasks: stepOne.reluMasks,
    });
    if (kase.full && data?.validation) {
      const run = compileForParity(doc, s.seed);
      const recipe = await trainRecipe(run.compiled, data.train, data.validation, s, classes);
      run.compiled.model.dispose();
      entry.epochs = recipe.epochs;
      entry.jobs.full = jobs.length;
      jobs.push({
        name: `${kase.name} (recipe)`,
        modelDir: dir,
        inputShape: shape,
        batches: recipe.fed,
        learningRates: recipe.learningRates,
        momentum,
        weightDecay: s.weightDecay,
        evaluation: {
          stepsPerEpoch: perEpoch,
          train: wholeSplit(data.train),
          validation: wholeSplit(data.validation),
          batchSize: s.batchSize,
        },
        referenceSeed: s.seed,
      });
    }
    pending.push(entry);
    tf.disposeVariables();
  }
  opts.log?.(`pytorch: ${jobs.length} job(s)`);
  const results = await runTorchJobs(opts.python, opts.workDir, jobs, {
    threads: opts.threads ?? 1,
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
  return pending.map((p) => {
    const torch = results[p.jobs.steps]!;
    const full = p.jobs.full === undefined ? undefined : results[p.jobs.full];
    const row: ParityRow = {
      name: p.kase.name,
      backend: opts.backend,
      stepOne: compareStepOne(p.stepOne, torch),
      losses: p.kase.reportSteps.map((step) => ({
        step,
        deepwire: p.losses[step - 1] ?? NaN,
        torch: torch.losses[step - 1] ?? NaN,
      })),
    };
    if (full) row.epochs = p.epochs.map((deepwire, i) => ({ deepwire, torch: full.epochs[i]! }));
    if (full?.reference) row.reference = full.reference;
    return row;
  });
}

function rateAt(settings: TrainingSettings, step: number, perEpoch: number): number {
  return learningRateAt(settings, Math.floor(step / perEpoch), (step % perEpoch) / perEpoch);
}
