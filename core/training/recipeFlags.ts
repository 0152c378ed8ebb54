import type { Schedule, TrainingSettings } from './settings';

/**
 * Augmentation and schedule in the command-line syntax that `deepwire train`
 * and the exported train.py both read (`flip,crop:4`, `multistep:32000,48000:0.1:iter`),
 * so a run's recipe can be handed to either.
 */

export function augmentFlag(augment: TrainingSettings['augment']): string {
  if (!augment) return 'none';
  const parts = [
    augment.flip ? 'flip' : '',
    augment.cropPadding > 0 ? `crop:${augment.cropPadding}` : '',
    (augment.shift ?? 0) > 0 ? `shift:${augment.shift}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(',') : 'none';
}

export function scheduleFlag(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'constant':
    case 'cosine':
      return schedule.kind;
    case 'step':
      return `step:${schedule.every}:${schedule.gamma}`;
    case 'multistep':
      return `multistep:${schedule.milestones.join(',')}:${schedule.gamma}${schedule.unit === 'iteration' ? ':iter' : ''}`;
  }
}
