import type { GraphDocument } from '../graph/schema';
import { buildCifarNet, type CifarDepth } from '../templates';
import type { TrainingSettings } from '../training/settings';

/**
 * The degradation experiment (He et al. 2016, Fig. 1/6): plain-N and
 * ResNet-N built from the same stage composites, each trained once per seed
 * with the same recipe, data order and augmentation per seed, so depth and
 * shortcuts are the only differences and the seed spread is visible.
 */

export const EXPERIMENT_DEPTHS: readonly CifarDepth[] = [20, 32, 44, 56, 110];
export const DEFAULT_DEPTHS: readonly CifarDepth[] = [20, 56];
export const BUDGET_PRESETS = ['quick', 'standard', 'paper'] as const;
export type BudgetPreset = (typeof BUDGET_PRESETS)[number];
export const MAX_SEEDS = 5;

export type ExperimentRequest = {
  depths: CifarDepth[];
  dataset: string;
  /** Overrides the preset's epochs (the paper preset derives them from 64k iterations). */
  epochs?: number;
  preset: BudgetPreset;
  /** Overrides the preset's sample limit. */
  limit?: number;
  /** One run per net and seed; the preset's seeds when absent. */
  seeds?: number[];
  /** A single seed (older requests); `seeds` wins. */
  seed?: number;
};

export type ExperimentMember = {
  /** `plain-20`, `resnet-56`: how charts and tables name the net (shared by its seeds). */
  label: string;
  depth: CifarDepth;
  residual: boolean;
  seed: number;
  document: GraphDocument;
  settings: Partial<TrainingSettings>;
};

type Recipe = Pick<
  TrainingSettings,
  'optimizer' | 'learningRate' | 'batchSize' | 'weightDecay' | 'validationSplit' | 'schedule' | 'warmupEpochs'
> & { augment: TrainingSettings['augment'] };

export type PresetSpec = {
  title: string;
  /** First-stage filters (16 in the paper). */
  width: number;
  limit: number | undefined;
  /** Epochs, unless `iterations` is set and the training-set size is known. */
  epochs: number;
  /** The paper counts training in iterations; epochs are derived to cover them. */
  iterations?: number;
  seeds: number[];
  recipe: Recipe;
};

const SGD: Omit<Recipe, 'learningRate' | 'batchSize' | 'schedule' | 'augment'> = {
  optimizer: 'momentum',
  weightDecay: 1e-4,
  validationSplit: 0.1,
  warmupEpochs: 0,
};

export const PRESETS: Record<BudgetPreset, PresetSpec> = {
  quick: {
    title: 'Quick (width 8, 2,000 samples, 3 epochs, 3 seeds)',
    width: 8,
    limit: 2000,
    epochs: 3,
    seeds: [1, 2, 3],
    recipe: { ...SGD, learningRate: 0.05, batchSize: 64, schedule: { kind: 'constant' }, augment: null },
  },
  standard: {
    title: 'Standard (width 8, 6,000 samples, 6 epochs, 3 seeds)',
    width: 8,
    limit: 6000,
    epochs: 6,
    seeds: [1, 2, 3],
    recipe: {
      ...SGD,
      learningRate: 0.05,
      batchSize: 64,
      schedule: { kind: 'multistep', milestones: [4], unit: 'epoch', gamma: 0.1 },
      augment: null,
    },
  },
  paper: {
    title: 'Paper (16/32/64 filters, all samples, 64k iterations, lr ÷10 at 32k/48k, flip + crop 4)',
    width: 16,
    limit: undefined,
    epochs: 182,
    iterations: 64_000,
    seeds: [1],
    recipe: {
      ...SGD,
      learningRate: 0.1,
      batchSize: 128,
      schedule: { kind: 'multistep', milestones: [32_000, 48_000], unit: 'iteration', gamma: 0.1 },
      augment: { flip: true, cropPadding: 4 },
    },
  },
};

/** Training-set sizes of the built-in datasets, to turn iterations into epochs and to estimate time. */
export function knownTrainSize(dataset: string): number | undefined {
  const id = dataset.split(':')[0];
  if (id === 'cifar10' || id === 'cifar-10') return 50_000;
  if (id === 'fashion-mnist' || id === 'mnist') return 60_000;
  return undefined;
}

/** Samples one epoch trains on: the known (or limited) size less the validation share. */
export function trainSamplesPerEpoch(
  dataset: string,
  limit: number | undefined,
  validationSplit: number,
): number | undefined {
  const known = knownTrainSize(dataset);
  const total = limit === undefined ? known : known === undefined ? limit : Math.min(limit, known);
  return total === undefined ? undefined : Math.round(total * (1 - validationSplit));
}

/** Gray 28×28 keeps the quick presets fast; colour datasets are adapted to it by the loader. */
function inputFor(
  dataset: string,
  preset: BudgetPreset,
): { height: number; width: number; channels: number } {
  if (preset === 'paper' && dataset.startsWith('cifar10')) return { height: 32, width: 32, channels: 3 };
  return { height: 28, width: 28, channels: 1 };
}

export function memberLabel(depth: number, residual: boolean): string {
  return `${residual ? 'resnet' : 'plain'}-${depth}`;
}

export function seedsOf(request: ExperimentRequest): number[] {
  const seeds =
    request.seeds ?? (request.seed === undefined ? PRESETS[request.preset].seeds : [request.seed]);
  return [...new Set(seeds)];
}

/** Epochs to train: the request's, else enough whole epochs to cover the preset's iterations, else the preset's. */
export function epochsOf(request: ExperimentRequest): number {
  if (request.epochs !== undefined) return request.epochs;
  const preset = PRESETS[request.preset];
  const limit = request.limit ?? preset.limit;
  const samples = trainSamplesPerEpoch(request.dataset, limit, preset.recipe.validationSplit);
  if (preset.iterations === undefined || samples === undefined) return preset.epochs;
  return Math.ceil(preset.iterations / Math.ceil(samples / preset.recipe.batchSize));
}

/** The settings every member shares except its seed. */
export function recipeOf(request: ExperimentRequest): Partial<TrainingSettings> {
  const preset = PRESETS[request.preset];
  const limit = request.limit ?? preset.limit;
  return {
    ...preset.recipe,
    dataset: request.dataset,
    epochs: epochsOf(request),
    // The preset's iteration count ends training exactly, the last epoch partial; an explicit epoch count wins.
    ...(preset.iterations !== undefined && request.epochs === undefined
      ? { maxIterations: preset.iterations }
      : {}),
    gradNormEvery: 5,
    ...(limit === undefined ? {} : { limit }),
  };
}

/**
 * Plain nets first, each family shallow to deep, every net's seeds together:
 * the order runs train in, so a stopped experiment has whole nets done.
 */
export function planExperiment(request: ExperimentRequest): ExperimentMember[] {
  const preset = PRESETS[request.preset];
  const depths = [...new Set(request.depths)].sort((a, b) => a - b);
  const recipe = recipeOf(request);
  return [false, true].flatMap((residual) =>
    depths.flatMap((depth) => {
      const document: GraphDocument = {
        ...buildCifarNet({
          depth,
          residual,
          width: preset.width,
          input: inputFor(request.dataset, request.preset),
          classes: 10,
        }),
        name: memberLabel(depth, residual),
      };
      return seedsOf(request).map((seed) => ({
        label: memberLabel(depth, residual),
        depth,
        residual,
        seed,
        document,
        settings: { ...recipe, seed },
      }));
    }),
  );
}
