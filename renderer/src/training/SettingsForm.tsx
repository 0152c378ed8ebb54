import { BACKEND_CHOICES, OPTIMIZERS, type TrainingSettings } from '../../../core/training/settings';
import { AdvancedSettings } from './AdvancedSettings';
import { DatasetChooser } from './DatasetChooser';
import { datasetLabel } from './datasetChoice';
import { useTrainingStore } from './trainingStore';

function numberField(value: string, fallback: number, integer: boolean): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) return fallback;
  return integer ? Math.round(parsed) : parsed;
}

/**
 * Dataset, length and optimiser settings; validated again by the host on
 * start. Controlled: the Training tab edits its own settings, a re-run edits
 * a copy of the stored run's.
 */
export function SettingsForm({
  settings,
  onChange,
  disabled,
}: {
  settings: TrainingSettings;
  onChange: (next: TrainingSettings) => void;
  disabled: boolean;
}) {
  const datasets = useTrainingStore((s) => s.datasets);
  const set = (patch: Partial<TrainingSettings>) => onChange({ ...settings, ...patch });
  // A folder or CSV chosen from files is not in the host's list: it is offered beside it.
  const choices = datasets.some((d) => d.id === settings.dataset)
    ? datasets
    : [...datasets, { id: settings.dataset, description: '', available: true }];
  return (
    <fieldset className="train-settings" disabled={disabled}>
      <label>
        Dataset
        <select
          data-testid="train-dataset"
          value={settings.dataset}
          onChange={(e) => set({ dataset: e.target.value })}
        >
          {choices.map((d) => (
            <option key={d.id} value={d.id} disabled={!d.available} title={d.reason ?? d.description}>
              {datasetLabel(d.id)}
              {d.available ? '' : ' (unavailable)'}
            </option>
          ))}
        </select>
      </label>
      <DatasetChooser disabled={disabled} onPick={(dataset) => set({ dataset })} />
      <label>
        Epochs
        <input
          data-testid="train-epochs"
          type="number"
          min={1}
          value={settings.epochs}
          onChange={(e) => set({ epochs: numberField(e.target.value, settings.epochs, true) })}
        />
      </label>
      <label title="Train on the first N samples only (empty: all)">
        Limit
        <input
          data-testid="train-limit"
          type="number"
          min={1}
          placeholder="all"
          value={settings.limit ?? ''}
          onChange={(e) =>
            e.target.value === ''
              ? onChange(withoutLimit(settings))
              : set({ limit: numberField(e.target.value, settings.limit ?? 1000, true) })
          }
        />
      </label>
      <label>
        Batch
        <input
          data-testid="train-batch-size"
          type="number"
          min={1}
          value={settings.batchSize}
          onChange={(e) => set({ batchSize: numberField(e.target.value, settings.batchSize, true) })}
        />
      </label>
      <label>
        Learning rate
        <input
          data-testid="train-lr"
          type="number"
          step="any"
          value={settings.learningRate}
          onChange={(e) => set({ learningRate: numberField(e.target.value, settings.learningRate, false) })}
        />
      </label>
      <label>
        Optimizer
        <select
          data-testid="train-optimizer"
          value={settings.optimizer}
          onChange={(e) => set({ optimizer: e.target.value as TrainingSettings['optimizer'] })}
        >
          {OPTIMIZERS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label>
        Backend
        <select
          data-testid="train-backend"
          value={settings.backend}
          onChange={(e) => set({ backend: e.target.value as TrainingSettings['backend'] })}
        >
          {BACKEND_CHOICES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <AdvancedSettings settings={settings} set={set} />
    </fieldset>
  );
}

function withoutLimit(settings: TrainingSettings): TrainingSettings {
  const { limit: _limit, ...rest } = settings;
  return rest;
}
