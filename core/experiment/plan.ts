import type { GraphDocument } from '../graph/schema';
import { buildCifarNet, type CifarDepth } from '../templates';
import type { TrainingSettings } from '../training/settings';

/**
 * The degradation experiment (He et al. 2016, Fig. 1/6): plain-N and
 * ResNet-N built from the same stage composites, trained with one seed on
 * the same data in the same order, so depth and shortcuts are the only
 * differences.
 */

export const EXPERIMENT_DEPTHS: readonly CifarDepth[] = [20, 32, 44, 56, 110];
export const DEFAULT_DEPTHS: readonly CifarDepth[] = [20, 56];
export type BudgetPreset = 'quick' | 'paper';

export type ExperimentRequest = {
  depths: CifarDepth[];
  dataset: string;
  epochs: number;
  preset: BudgetPreset;
  /** Overrides the preset's sample limit (quick: 2,000; paper: all). */
  limit?: number;
  seed?: number;
};

export type ExperimentMember = {
  /** `plain-20`, `resnet-56`: how charts and tables name the run. */
  label: string;
  depth: CifarDepth;
  residual: boolean;
  document: GraphDocument;
  settings: Partial<TrainingSettings>;
};

export const PRESETS: Record<BudgetPreset, { width: number; limit: number | undefined; title: string }> = {
  quick: { width: 8, limit: 2000, title: 'Quick look (width 8, 2,000 samples)' },
  paper: { width: 16, limit: undefined, title: 'Paper (16/32/64 filters, all samples)' },
};

/** Gray 28×28 keeps the quick preset fast; colour datasets are adapted to it by the loader. */
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

/** Plain nets first, each family shallow to deep: the order runs train in and charts list them. */
export function planExperiment(request: ExperimentRequest): ExperimentMember[] {
  const preset = PRESETS[request.preset];
  const depths = [...new Set(request.depths)].sort((a, b) => a - b);
  const limit = request.limit ?? preset.limit;
  const settings: Partial<TrainingSettings> = {
    dataset: request.dataset,
    epochs: request.epochs,
    seed: request.seed ?? 1,
    optimizer: 'momentum',
    learningRate: 0.05,
    batchSize: 64,
    weightDecay: 1e-4,
    validationSplit: 0.1,
    gradNormEvery: 5,
    ...(limit === undefined ? {} : { limit }),
  };
  return [false, true].flatMap((residual) =>
    depths.map((depth) => ({
      label: memberLabel(depth, residual),
      depth,
      residual,
      document: {
        ...buildCifarNet({
          depth,
          residual,
          width: preset.width,
          input: inputFor(request.dataset, request.preset),
          classes: 10,
        }),
        name: memberLabel(depth, residual),
      },
      settings,
    })),
  );
}
