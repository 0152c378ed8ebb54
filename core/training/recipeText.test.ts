import { describe, expect, it } from 'vitest';
import { augmentText, scheduleText } from './recipeText';

describe('recipe text', () => {
  it('names schedules with their milestones and warm-up', () => {
    expect(
      scheduleText({ kind: 'multistep', milestones: [32_000, 48_000], unit: 'iteration', gamma: 0.1 }),
    ).toBe('÷10 at 32000, 48000 it');
    expect(scheduleText({ kind: 'step', every: 30, gamma: 0.5 }, 2)).toBe(
      '×0.5 every 30 epoch(s), warm-up 2 epoch(s)',
    );
    expect(scheduleText({ kind: 'cosine' })).toBe('cosine');
    expect(scheduleText({ kind: 'constant' })).toBe('');
    expect(scheduleText({ kind: 'constant' }, 1)).toBe('warm-up 1 epoch(s)');
  });

  it('names augmentation, nothing when there is none', () => {
    expect(augmentText({ flip: true, cropPadding: 4 })).toBe('flip + crop 4');
    expect(augmentText({ flip: false, cropPadding: 2 })).toBe('crop 2');
    expect(augmentText({ flip: true, cropPadding: 4, shift: 2 })).toBe('flip + crop 4 + shift 2');
    expect(augmentText({ flip: false, cropPadding: 0, shift: 3 })).toBe('shift 3');
    expect(augmentText(null)).toBe('');
    expect(augmentText(undefined)).toBe('');
  });
});
