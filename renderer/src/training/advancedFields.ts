import type { Augment, Schedule, TrainingSettings } from '../../../core/training/settings';

type EarlyStopping = NonNullable<TrainingSettings['earlyStopping']>;

/**
 * Pure mappings between the Advanced section's inputs and the settings sent
 * by training.start. A value the form cannot read keeps the previous one; the
 * host validates everything again on start.
 */

export const SCHEDULE_KINDS = ['constant', 'step', 'multistep', 'cosine'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** A number read from an input within [min, max] (integers rounded), else `fallback`. */
export function boundedNumber(
  text: string,
  fallback: number,
  opts: { min: number; max: number; integer?: boolean },
): number {
  if (text.trim() === '') return fallback;
  const parsed = Number(text);
  if (!Number.isFinite(parsed)) return fallback;
  const value = opts.integer ? Math.round(parsed) : parsed;
  return value >= opts.min && value <= opts.max ? value : fallback;
}

/** `32000, 48000` → [32000, 48000]: positive integers, ascending; null when unreadable. */
export function parseMilestones(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 32) return null;
  const values = parts.map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 100_000_000)) return null;
  return [...values].sort((a, b) => a - b);
}

/**
 * The schedule a kind switches to: its parameters kept where the kinds share
 * them (gamma), else defaults that fit the run's length.
 */
export function scheduleOfKind(kind: ScheduleKind, current: Schedule, epochs: number): Schedule {
  if (kind === current.kind) return current;
  const gamma = 'gamma' in current ? current.gamma : 0.1;
  switch (kind) {
    case 'constant':
    case 'cosine':
      return { kind };
    case 'step':
      return { kind, every: Math.max(1, Math.floor(epochs / 3)), gamma };
    case 'multistep': {
      const half = Math.max(1, Math.ceil(epochs / 2));
      const late = Math.max(half + 1, Math.ceil((3 * epochs) / 4));
      return { kind, milestones: [half, late], unit: 'epoch', gamma };
    }
  }
}

type AugmentPatch = Partial<{ flip: boolean; cropPadding: number; shift: number }>;

/** The augmentation after one input changed; null when everything is off (no rng draws at all). */
export function augmentWith(current: TrainingSettings['augment'], patch: AugmentPatch): Augment | null {
  const next = { flip: false, cropPadding: 0, ...current, ...patch };
  if (!next.flip && next.cropPadding === 0 && (next.shift ?? 0) === 0) return null;
  const { shift, ...rest } = next;
  return shift ? { ...rest, shift } : rest;
}

/** Patience 3 epochs, any improvement counts: what turning early stopping on starts from. */
export const DEFAULT_EARLY_STOPPING: EarlyStopping = { patience: 3, minDelta: 0 };

/** Early stopping after one input changed: off is null; a change to a field turns it on. */
export function earlyStoppingWith(
  current: TrainingSettings['earlyStopping'],
  patch: { on?: boolean; patience?: number; minDelta?: number },
): EarlyStopping | null {
  if (patch.on === false) return null;
  const { on: _on, ...fields } = patch;
  return { ...DEFAULT_EARLY_STOPPING, ...current, ...fields };
}

/** The Advanced summary's words for early stopping; empty when off. */
export function earlyStoppingText(rule: TrainingSettings['earlyStopping']): string {
  if (!rule) return '';
  return `early stop after ${rule.patience} epoch${rule.patience === 1 ? '' : 's'} without improvement${rule.minDelta > 0 ? ` > ${rule.minDelta}` : ''}`;
}
