import { z } from 'zod';

/**
 * Everything a training run needs besides the graph. Pure data: it crosses
 * IPC, is written to the run folder as settings.json and read back on resume.
 */

/** A run's id: its folder's name under the runs folder (no separators, no leading dot). */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adam', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }).strict(),
  /** Multiply the rate by `gamma` every `every` epochs. */
  z
    .object({
      kind: z.literal('step'),
      every: z.number().int().min(1).max(10_000),
      gamma: z.number().gt(0).max(1),
    })
    .strict(),
  /** Cosine decay from the base rate to zero over the run. */
  z.object({ kind: z.literal('cosine') }).strict(),
  /** Multiply the rate by `gamma` at each milestone (PyTorch's MultiStepLR), counted in epochs or iterations. */
  z
    .object({
      kind: z.literal('multistep'),
      milestones: z.array(z.number().int().min(1).max(100_000_000)).min(1).max(32),
      unit: z.enum(['epoch', 'iteration']),
      gamma: z.number().gt(0).max(1),
    })
    .strict(),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

/**
 * Seeded per-sample augmentation, applied in this order: a coin-flip mirror,
 * a pad-and-crop (`cropPadding`: the raw image padded with black, cropped back
 * at a random offset), then a translation (`shift`: up to that many pixels,
 * the uncovered pixels set to 0 in the network's input, i.e. the train split's
 * mean colour after standardisation). Absent `shift` is 0 (older settings files).
 */
export const augmentSchema = z
  .object({
    cropPadding: z.number().int().min(0).max(64),
    flip: z.boolean(),
    shift: z.number().int().min(0).max(64).optional(),
  })
  .strict();
export type Augment = z.infer<typeof augmentSchema>;

export const earlyStoppingSchema = z
  .object({
    /** Epochs without a validation-loss improvement of at least `minDelta` before stopping. */
    patience: z.number().int().min(1).max(1000),
    minDelta: z.number().min(0).max(100),
  })
  .strict();

export const trainingSettingsSchema = z
  .object({
    optimizer: z.enum(OPTIMIZERS),
    learningRate: z.number().gt(0).max(10),
    schedule: scheduleSchema,
    /** Linear warm-up from ~0 to the base rate over these epochs (counted per batch). */
    warmupEpochs: z.number().int().min(0).max(1000),
    /** L2 penalty on kernels (not biases or batch-norm parameters). */
    weightDecay: z.number().min(0).max(1),
    batchSize: z.number().int().min(1).max(8192),
    epochs: z.number().int().min(1).max(10_000),
    /** Stop after exactly this many optimizer steps, the last epoch partial (the paper counts iterations). */
    maxIterations: z.number().int().min(1).max(100_000_000).optional(),
    /** Fraction of the training split held out for validation. */
    validationSplit: z.number().min(0).max(0.9),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    earlyStopping: earlyStoppingSchema.nullable(),
    backend: z.enum(BACKEND_CHOICES),
    /** Dataset spec: `digits`, `shapes`, `fashion-mnist[:dir]`, `mnist:dir`, `cifar10:dir`, `folder:dir`, `csv:file`. */
    dataset: z.string().min(1).max(4096),
    /** Train on the first N samples only. */
    limit: z.number().int().min(1).max(100_000_000).optional(),
    augment: augmentSchema.nullable().optional(),
    /**
     * Fine-tuning: start from this run's final weights (a trained run or an imported model), every
     * weight whose layer name and shape match; the others keep their seeded initialisation.
     */
    initFrom: z.string().regex(RUN_ID_PATTERN).optional(),
    /** Emit per-layer gradient norms every N batches (0 = never). */
    gradNormEvery: z.number().int().min(0).max(1_000_000),
  })
  .strict();

export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

export const DEFAULT_SETTINGS: TrainingSettings = {
  optimizer: 'adam',
  learningRate: 0.001,
  schedule: { kind: 'constant' },
  warmupEpochs: 0,
  weightDecay: 0,
  batchSize: 32,
  epochs: 3,
  validationSplit: 0.1,
  seed: 1,
  earlyStopping: null,
  backend: 'auto',
  dataset: 'digits',
  gradNormEvery: 50,
};

/** Epochs a run trains: `epochs`, or fewer when `maxIterations` ends it sooner (the last one partial). */
export function epochsToRun(settings: TrainingSettings, batchesPerEpoch: number): number {
  const cap = settings.maxIterations;
  if (cap === undefined || batchesPerEpoch <= 0) return settings.epochs;
  return Math.min(settings.epochs, Math.ceil(cap / batchesPerEpoch));
}

/** Fills missing fields from the defaults, then validates: what hosts call on `training.start`. */
export function parseSettings(
  input: unknown,
): { ok: true; settings: TrainingSettings } | { ok: false; error: string } {
  const base = typeof input === 'object' && input !== null ? input : {};
  const result = trainingSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...base });
  if (result.success) return { ok: true, settings: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return { ok: false, error: `settings${field ? `.${field}` : ''}: ${issue?.message ?? 'invalid'}` };
}

/**
 * The learning rate for a point in training, `epoch` counted from 0 and
 * `progress` in [0, 1) within it: warm-up first, then the schedule.
 * Iteration milestones need `stepsPerEpoch` (batches per epoch).
 */
export function learningRateAt(
  settings: TrainingSettings,
  epoch: number,
  progress = 0,
  stepsPerEpoch?: number,
): number {
  const base = settings.learningRate;
  const position = epoch + progress;
  if (settings.warmupEpochs > 0 && position < settings.warmupEpochs) {
    return base * Math.max(position / settings.warmupEpochs, 1e-3);
  }
  const schedule = settings.schedule;
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * schedule.gamma ** Math.floor(epoch / schedule.every);
    case 'cosine': {
      // Down to zero at the run's real end, which an iteration cap may bring forward.
      const span = Math.max(epochsToRun(settings, stepsPerEpoch ?? 0) - settings.warmupEpochs, 1);
      const t = Math.min(Math.max(epoch - settings.warmupEpochs, 0) / span, 1);
      return base * 0.5 * (1 + Math.cos(Math.PI * t));
    }
    case 'multistep': {
      if (schedule.unit === 'iteration' && stepsPerEpoch === undefined) {
        throw new Error('settings.schedule: iteration milestones need the number of batches per epoch');
      }
      // The step about to run, counted from 0 as PyTorch's scheduler.step() after each batch counts it.
      const at = schedule.unit === 'epoch' ? epoch : Math.round(position * (stepsPerEpoch ?? 1));
      return base * schedule.gamma ** schedule.milestones.filter((m) => at >= m).length;
    }
  }
}
