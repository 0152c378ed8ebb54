import { describe, expect, it } from 'vitest';
import { augmentFlag, scheduleFlag } from '../../../core/training/recipeFlags';
import type { Schedule, TrainingSettings } from '../../../core/training/settings';
import { parseAugment, parseSchedule } from './trainArgs';

describe('recipe flags', () => {
  it('writes schedules that the CLI reads back unchanged', () => {
    const schedules: Schedule[] = [
      { kind: 'constant' },
      { kind: 'cosine' },
      { kind: 'step', every: 30, gamma: 0.5 },
      { kind: 'multistep', milestones: [32_000, 48_000], unit: 'iteration', gamma: 0.1 },
      { kind: 'multistep', milestones: [3], unit: 'epoch', gamma: 0.2 },
    ];
    for (const s of schedules) expect(parseSchedule(scheduleFlag(s))).toEqual(s);
    expect(scheduleFlag(schedules[3]!)).toBe('multistep:32000,48000:0.1:iter');
  });

  it('writes augmentation that the CLI reads back unchanged', () => {
    const augments: TrainingSettings['augment'][] = [
      null,
      { flip: true, cropPadding: 4 },
      { flip: false, cropPadding: 0, shift: 2 },
      { flip: true, cropPadding: 4, shift: 1 },
    ];
    for (const a of augments) expect(parseAugment(augmentFlag(a))).toEqual(a);
    expect(augmentFlag(undefined)).toBe('none');
    expect(augmentFlag({ flip: false, cropPadding: 0 })).toBe('none');
  });
});
