import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, type Schedule } from '../../../core/training/settings';
import {
  augmentWith,
  boundedNumber,
  earlyStoppingText,
  earlyStoppingWith,
  parseMilestones,
  SCHEDULE_KINDS,
  scheduleOfKind,
} from './advancedFields';

describe('advanced training settings', () => {
  it('reads numbers within their range and keeps the previous value otherwise', () => {
    expect(boundedNumber('0.0001', 0, { min: 0, max: 1 })).toBe(0.0001);
    expect(boundedNumber('2.6', 1, { min: 0, max: 10, integer: true })).toBe(3);
    expect(boundedNumber('', 5, { min: 0, max: 10 })).toBe(5);
    expect(boundedNumber('abc', 5, { min: 0, max: 10 })).toBe(5);
    expect(boundedNumber('0.95', 0.1, { min: 0, max: 0.9 })).toBe(0.1);
    expect(boundedNumber('0', 0.1, { min: Number.MIN_VALUE, max: 1 })).toBe(0.1);
  });

  it('reads milestones as ascending positive integers, refusing anything else', () => {
    expect(parseMilestones('48000, 32000')).toEqual([32_000, 48_000]);
    expect(parseMilestones('3 7')).toEqual([3, 7]);
    expect(parseMilestones('3, x')).toBeNull();
    expect(parseMilestones('0')).toBeNull();
    expect(parseMilestones('2.5')).toBeNull();
    expect(parseMilestones(' ')).toBeNull();
  });

  it('switches schedule kinds to settings the host accepts, keeping gamma', () => {
    let schedule: Schedule = { kind: 'constant' };
    for (const kind of SCHEDULE_KINDS) {
      schedule = scheduleOfKind(kind, schedule, 10);
      expect(schedule.kind).toBe(kind);
      expect(parseSettings({ ...DEFAULT_SETTINGS, epochs: 10, schedule }).ok).toBe(true);
    }
    expect(scheduleOfKind('multistep', { kind: 'step', every: 3, gamma: 0.5 }, 1)).toEqual({
      kind: 'multistep',
      milestones: [1, 2],
      unit: 'epoch',
      gamma: 0.5,
    });
    const same: Schedule = { kind: 'step', every: 4, gamma: 0.2 };
    expect(scheduleOfKind('step', same, 10)).toBe(same);
  });

  it('turns augmentation off entirely when nothing is on, and omits a zero shift', () => {
    const flip = augmentWith(null, { flip: true });
    expect(flip).toEqual({ flip: true, cropPadding: 0 });
    const shifted = augmentWith(flip, { shift: 2 });
    expect(shifted).toEqual({ flip: true, cropPadding: 0, shift: 2 });
    expect(augmentWith(shifted, { shift: 0, flip: false })).toBeNull();
    expect(augmentWith({ flip: false, cropPadding: 4 }, { shift: 1 })).toEqual({
      flip: false,
      cropPadding: 4,
      shift: 1,
    });
    expect(parseSettings({ augment: shifted }).ok).toBe(true);
  });

  it('turns early stopping on with defaults, edits its fields, and off to null; the host accepts it', () => {
    const on = earlyStoppingWith(null, { on: true });
    expect(on).toEqual({ patience: 3, minDelta: 0 });
    const edited = earlyStoppingWith(on, { patience: 5, minDelta: 0.01 });
    expect(edited).toEqual({ patience: 5, minDelta: 0.01 });
    expect(earlyStoppingText(edited)).toBe('early stop after 5 epochs without improvement > 0.01');
    expect(earlyStoppingWith(edited, { on: false })).toBeNull();
    expect(parseSettings({ ...DEFAULT_SETTINGS, earlyStopping: edited }).ok).toBe(true);
  });
});
