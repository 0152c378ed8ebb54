import { augmentText, scheduleText } from '../../../core/training/recipeText';
import type { TrainingSettings } from '../../../core/training/settings';
import {
  augmentWith,
  earlyStoppingText,
  earlyStoppingWith,
  parseMilestones,
  SCHEDULE_KINDS,
  scheduleOfKind,
  type ScheduleKind,
} from './advancedFields';
import { NumberField } from './NumberField';

/**
 * Augmentation, learning-rate schedule and warm-up, weight decay, seed,
 * validation split and early stopping; folded away by default, its summary
 * line says what is set.
 * Lives inside the settings fieldset, so it is disabled while a run is active.
 */
export function AdvancedSettings({
  settings,
  set,
}: {
  settings: TrainingSettings;
  set: (patch: Partial<TrainingSettings>) => void;
}) {
  const augment = settings.augment ?? null;
  const schedule = settings.schedule;
  const summary = [
    scheduleText(schedule, settings.warmupEpochs),
    augmentText(augment),
    settings.weightDecay > 0 ? `wd ${settings.weightDecay}` : '',
    earlyStoppingText(settings.earlyStopping),
  ].filter(Boolean);
  const early = settings.earlyStopping;
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
        <NumberField
          label="Crop padding"
          title="Pad with black by N px, then crop back at a random offset"
          testId="train-augment-crop"
          input={{ min: 0, max: 64 }}
          bounds={{ min: 0, max: 64, integer: true }}
          value={augment?.cropPadding ?? 0}
          onValue={(cropPadding) => set({ augment: augmentWith(augment, { cropPadding }) })}
        />
        <NumberField
          label="Shift"
          title="Move by up to N px; uncovered pixels take the mean colour"
          testId="train-augment-shift"
          input={{ min: 0, max: 64 }}
          bounds={{ min: 0, max: 64, integer: true }}
          value={augment?.shift ?? 0}
          onValue={(shift) => set({ augment: augmentWith(augment, { shift }) })}
        />
        <NumberField
          label="Warm-up epochs"
          title="Linear learning-rate warm-up over these epochs, counted per batch"
          testId="train-warmup"
          input={{ min: 0 }}
          bounds={{ min: 0, max: 1000, integer: true }}
          value={settings.warmupEpochs}
          onValue={(warmupEpochs) => set({ warmupEpochs })}
        />
        <NumberField
          label="Weight decay"
          title="L2 penalty on conv and dense kernels (not biases or batch norm)"
          testId="train-weight-decay"
          input={{ step: 'any', min: 0 }}
          bounds={{ min: 0, max: 1 }}
          value={settings.weightDecay}
          onValue={(weightDecay) => set({ weightDecay })}
        />
        <NumberField
          label="Seed"
          title="Seeds initialisation, data order, dropout and augmentation"
          testId="train-seed"
          input={{ min: 0 }}
          bounds={{ min: 0, max: 2 ** 31 - 1, integer: true }}
          value={settings.seed}
          onValue={(seed) => set({ seed })}
        />
        <NumberField
          label="Validation"
          title="Fraction of the training split held out for validation"
          testId="train-validation"
          input={{ step: '0.05', min: 0, max: 0.9 }}
          bounds={{ min: 0, max: 0.9 }}
          value={settings.validationSplit}
          onValue={(validationSplit) => set({ validationSplit })}
        />
      </div>
      <div className="train-advanced-row">
        <label title="Stop when the validation loss has not improved for a number of epochs">
          Early stopping
          <input
            data-testid="train-early-stopping"
            type="checkbox"
            checked={early !== null}
            onChange={(e) => set({ earlyStopping: earlyStoppingWith(early, { on: e.target.checked }) })}
          />
        </label>
        {early && (
          <>
            <NumberField
              label="Patience (epochs)"
              title="Epochs without an improvement before training stops"
              testId="train-early-patience"
              input={{ min: 1 }}
              bounds={{ min: 1, max: 1000, integer: true }}
              value={early.patience}
              onValue={(patience) => set({ earlyStopping: earlyStoppingWith(early, { patience }) })}
            />
            <NumberField
              label="Min improvement"
              title="A validation-loss drop smaller than this does not count as an improvement"
              testId="train-early-min-delta"
              input={{ step: 'any', min: 0 }}
              bounds={{ min: 0, max: 100 }}
              value={early.minDelta}
              onValue={(minDelta) => set({ earlyStopping: earlyStoppingWith(early, { minDelta }) })}
            />
          </>
        )}
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
          <NumberField
            label="Every (epochs)"
            title="Multiply the rate by gamma every this many epochs"
            testId="train-schedule-every"
            input={{ min: 1 }}
            bounds={{ min: 1, max: 10_000, integer: true }}
            value={schedule.every}
            onValue={(every) => set({ schedule: { ...schedule, every } })}
          />
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
          <NumberField
            label="Gamma"
            title="The factor applied at each step (0.1 divides by 10)"
            testId="train-schedule-gamma"
            input={{ step: 'any' }}
            bounds={{ min: Number.MIN_VALUE, max: 1 }}
            value={schedule.gamma}
            onValue={(gamma) => set({ schedule: { ...schedule, gamma } })}
          />
        )}
      </div>
    </details>
  );
}
