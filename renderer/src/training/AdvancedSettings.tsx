import { augmentText, scheduleText } from '../../../core/training/recipeText';
import type { TrainingSettings } from '../../../core/training/settings';
import {
  augmentWith,
  boundedNumber,
  parseMilestones,
  SCHEDULE_KINDS,
  scheduleOfKind,
  type ScheduleKind,
} from './advancedFields';
import { updateSettings, useTrainingStore } from './trainingStore';

/**
 * Augmentation, learning-rate schedule and warm-up, weight decay, seed and
 * validation split; folded away by default, its summary line says what is set.
 * Lives inside the settings fieldset, so it is disabled while a run is active.
 */
export function AdvancedSettings() {
  const settings = useTrainingStore((s) => s.settings);
  const set = (patch: Partial<TrainingSettings>) => updateSettings(patch);
  const augment = settings.augment ?? null;
  const schedule = settings.schedule;
  const summary = [
    scheduleText(schedule, settings.warmupEpochs),
    augmentText(augment),
    settings.weightDecay > 0 ? `wd ${settings.weightDecay}` : '',
  ].filter(Boolean);
  return (
    <details className="train-advanced" data-testid="train-advanced">
      <summary data-testid="train-advanced-summary">
        Advanced{summary.length > 0 ? ` — ${summary.join(', ')}` : ''}
      </summary>
      <div className="train-advanced-row">
        <label title="Mirror half the samples, left to right">
          Flip
          <input
            data-testid="train-augment-flip"
            type="checkbox"
            checked={augment?.flip ?? false}
            onChange={(e) => set({ augment: augmentWith(augment, { flip: e.target.checked }) })}
          />
        </label>
        <label title="Pad with black by N px, then crop back at a random offset">
          Crop padding
          <input
            data-testid="train-augment-crop"
            type="number"
            min={0}
            max={64}
            value={augment?.cropPadding ?? 0}
            onChange={(e) =>
              set({
                augment: augmentWith(augment, {
                  cropPadding: boundedNumber(e.target.value, augment?.cropPadding ?? 0, {
                    min: 0,
                    max: 64,
                    integer: true,
                  }),
                }),
              })
            }
          />
        </label>
        <label title="Move by up to N px; uncovered pixels take the mean colour">
          Shift
          <input
            data-testid="train-augment-shift"
            type="number"
            min={0}
            max={64}
            value={augment?.shift ?? 0}
            onChange={(e) =>
              set({
                augment: augmentWith(augment, {
                  shift: boundedNumber(e.target.value, augment?.shift ?? 0, {
                    min: 0,
                    max: 64,
                    integer: true,
                  }),
                }),
              })
            }
          />
        </label>
        <label title="Linear learning-rate warm-up over these epochs, counted per batch">
          Warm-up epochs
          <input
            data-testid="train-warmup"
            type="number"
            min={0}
            value={settings.warmupEpochs}
            onChange={(e) =>
              set({
                warmupEpochs: boundedNumber(e.target.value, settings.warmupEpochs, {
                  min: 0,
                  max: 1000,
                  integer: true,
                }),
              })
            }
          />
        </label>
        <label title="L2 penalty on conv and dense kernels (not biases or batch norm)">
          Weight decay
          <input
            data-testid="train-weight-decay"
            type="number"
            step="any"
            min={0}
            value={settings.weightDecay}
            onChange={(e) =>
              set({ weightDecay: boundedNumber(e.target.value, settings.weightDecay, { min: 0, max: 1 }) })
            }
          />
        </label>
        <label title="Seeds initialisation, data order, dropout and augmentation">
          Seed
          <input
            data-testid="train-seed"
            type="number"
            min={0}
            value={settings.seed}
            onChange={(e) =>
              set({
                seed: boundedNumber(e.target.value, settings.seed, {
                  min: 0,
                  max: 2 ** 31 - 1,
                  integer: true,
                }),
              })
            }
          />
        </label>
        <label title="Fraction of the training split held out for validation">
          Validation
          <input
            data-testid="train-validation"
            type="number"
            step="0.05"
            min={0}
            max={0.9}
            value={settings.validationSplit}
            onChange={(e) =>
              set({
                validationSplit: boundedNumber(e.target.value, settings.validationSplit, {
                  min: 0,
                  max: 0.9,
                }),
              })
            }
          />
        </label>
      </div>
      <div className="train-advanced-row">
        <label>
          LR schedule
          <select
            data-testid="train-schedule"
            value={schedule.kind}
            onChange={(e) =>
              set({ schedule: scheduleOfKind(e.target.value as ScheduleKind, schedule, settings.epochs) })
            }
          >
            {SCHEDULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {schedule.kind === 'step' && (
          <label title="Multiply the rate by gamma every this many epochs">
            Every (epochs)
            <input
              data-testid="train-schedule-every"
              type="number"
              min={1}
              value={schedule.every}
              onChange={(e) =>
                set({
                  schedule: {
                    ...schedule,
                    every: boundedNumber(e.target.value, schedule.every, {
                      min: 1,
                      max: 10_000,
                      integer: true,
                    }),
                  },
                })
              }
            />
          </label>
        )}
        {schedule.kind === 'multistep' && (
          <>
            <label title="Multiply the rate by gamma at each of these (comma-separated)">
              Milestones
              <input
                // Re-created when the unit changes, so the text restarts from the schedule.
                key={schedule.unit}
                data-testid="train-schedule-milestones"
                type="text"
                defaultValue={schedule.milestones.join(', ')}
                onChange={(e) => {
                  const milestones = parseMilestones(e.target.value);
                  if (milestones) set({ schedule: { ...schedule, milestones } });
                }}
              />
            </label>
            <label>
              Counted in
              <select
                data-testid="train-schedule-unit"
                value={schedule.unit}
                onChange={(e) =>
                  set({
                    schedule: { ...schedule, unit: e.target.value === 'iteration' ? 'iteration' : 'epoch' },
                  })
                }
              >
                <option value="epoch">epochs</option>
                <option value="iteration">iterations</option>
              </select>
            </label>
          </>
        )}
        {(schedule.kind === 'step' || schedule.kind === 'multistep') && (
          <label title="The factor applied at each step (0.1 divides by 10)">
            Gamma
            <input
              data-testid="train-schedule-gamma"
              type="number"
              step="any"
              value={schedule.gamma}
              onChange={(e) =>
                set({
                  schedule: {
                    ...schedule,
                    gamma: boundedNumber(e.target.value, schedule.gamma, { min: Number.MIN_VALUE, max: 1 }),
                  },
                })
              }
            />
          </label>
        )}
      </div>
    </details>
  );
}
