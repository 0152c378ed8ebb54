import { augmentFlag, scheduleFlag } from '../../../../core/training/recipeFlags';
import type { OptimizerName, TrainingSettings } from '../../../../core/training/settings';

/**
 * recipe.json beside the exported train.py: the run's settings under train.py's
 * argparse names, which it takes as its defaults. Augmentation and schedule are
 * in the flag syntax both train.py and `deepwire train` read, so the script
 * computes the run's learning rate and augmentation with the same formulas.
 */
export type TrainRecipe = {
  epochs: number;
  /** Optimizer steps before stopping (0: whole epochs). */
  iterations: number;
  batch_size: number;
  /** Deepwire's optimizer name; train.py maps it to the same update rule. */
  optimizer: OptimizerName;
  lr: number;
  augment: string;
  schedule: string;
  warmup: number;
  weight_decay: number;
};

export function trainRecipe(settings: TrainingSettings): TrainRecipe {
  return {
    epochs: settings.epochs,
    iterations: settings.maxIterations ?? 0,
    batch_size: settings.batchSize,
    optimizer: settings.optimizer,
    lr: settings.learningRate,
    augment: augmentFlag(settings.augment),
    schedule: scheduleFlag(settings.schedule),
    warmup: settings.warmupEpochs,
    weight_decay: settings.weightDecay,
  };
}
