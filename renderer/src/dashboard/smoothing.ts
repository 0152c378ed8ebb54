/**
 * TensorBoard's loss smoothing: an exponential moving average debiased for
 * its zero start, so the first points are not pulled towards 0. `weight` 0
 * is the raw curve; 0.99 is very smooth. Gaps (null, non-finite) stay gaps
 * and do not move the average.
 */
export function smoothSeries(values: readonly (number | null)[], weight: number): (number | null)[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  let last = 0;
  let count = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    count++;
    return w === 0 ? v : last / (1 - w ** count);
  });
}

/** The slider's default, as TensorBoard's. */
export const DEFAULT_SMOOTHING = 0.6;
