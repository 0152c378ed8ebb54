import type { Schedule, TrainingSettings } from './settings';

/**
 * The learning-rate schedule and augmentation of a run in a few words, for
 * run history and the experiment panel: `÷10 at 32000, 48000 it`, `flip + crop 4`.
 */

export function scheduleText(schedule: Schedule, warmupEpochs = 0): string {
  const warm = warmupEpochs > 0 ? `, warm-up ${warmupEpochs} epoch(s)` : '';
  switch (schedule.kind) {
    case 'constant':
      return warm ? warm.slice(2) : '';
    case 'cosine':
      return `cosine${warm}`;
    case 'step':
      return `×${schedule.gamma} every ${schedule.every} epoch(s)${warm}`;
    case 'multistep': {
      const factor =
        schedule.gamma > 0 && Number.isInteger(1 / schedule.gamma)
          ? `÷${1 / schedule.gamma}`
          : `×${schedule.gamma}`;
      return `${factor} at ${schedule.milestones.join(', ')} ${schedule.unit === 'iteration' ? 'it' : 'epoch(s)'}${warm}`;
    }
  }
}

export function augmentText(augment: TrainingSettings['augment']): string {
  if (!augment) return '';
  const parts = [
    augment.flip ? 'flip' : '',
    augment.cropPadding > 0 ? `crop ${augment.cropPadding}` : '',
    (augment.shift ?? 0) > 0 ? `shift ${augment.shift}` : '',
  ];
  return parts.filter(Boolean).join(' + ');
}
