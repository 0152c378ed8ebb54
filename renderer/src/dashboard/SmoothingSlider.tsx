import { create } from 'zustand';
import { DEFAULT_SMOOTHING } from './smoothing';

const KEY = 'deepwire.lossSmoothing';

function stored(): number {
  try {
    const value = Number(globalThis.localStorage?.getItem(KEY));
    return Number.isFinite(value) && value >= 0 && value < 1 && globalThis.localStorage?.getItem(KEY) !== null
      ? value
      : DEFAULT_SMOOTHING;
  } catch {
    return DEFAULT_SMOOTHING;
  }
}

/** The per-batch loss smoothing weight, one for the Training tab and the dashboard, kept across sessions. */
export const useSmoothing = create<{ weight: number }>()(() => ({ weight: stored() }));

function setWeight(weight: number): void {
  useSmoothing.setState({ weight });
  try {
    globalThis.localStorage?.setItem(KEY, String(weight));
  } catch {
    // A page without storage keeps the weight for this session only.
  }
}

/** TensorBoard-style smoothing slider for the per-batch loss (0 = raw). */
export function SmoothingSlider() {
  const weight = useSmoothing((s) => s.weight);
  return (
    <label className="smoothing-slider" title="Exponential moving average of the per-batch loss (0 = raw)">
      Smoothing
      <input
        type="range"
        min={0}
        max={0.99}
        step={0.01}
        value={weight}
        data-testid="loss-smoothing"
        aria-label="Loss smoothing"
        onChange={(e) => setWeight(Number(e.target.value))}
      />
      <output>{weight.toFixed(2)}</output>
    </label>
  );
}
