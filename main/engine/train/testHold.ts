/**
 * A test-only hold for the training process, so end-to-end tests never race
 * the machine's speed: with DEEPWIRE_TEST_HOLD_AT="2:30,3:5" the process
 * stops after batch 30 of epoch 2 (and later after batch 5 of epoch 3), posts
 * `{type: 'held', epoch, batch}` to its host (after a batch event for exactly
 * that batch), and waits until the host sends `{type: 'release'}` or `stop`.
 * Only the e2e fixture sets the variable; unset or empty, nothing holds and a
 * `release` message is ignored. Epochs and batches count from 1.
 */
export const TEST_HOLD_ENV = 'DEEPWIRE_TEST_HOLD_AT';

export interface HoldPoint {
  epoch: number;
  batch: number;
}

/** Parses the variable's value; anything malformed is an error naming the variable, never a silent no-op. */
export function parseHoldPoints(value: string | undefined): HoldPoint[] {
  if (!value) return [];
  return value.split(',').map((part) => {
    const match = /^(\d+):(\d+)$/.exec(part.trim());
    const epoch = Number(match?.[1]);
    const batch = Number(match?.[2]);
    if (!match || epoch < 1 || batch < 1) {
      throw new Error(`${TEST_HOLD_ENV}: '${part}' is not <epoch>:<batch> (both from 1)`);
    }
    return { epoch, batch };
  });
}

export function formatHoldPoints(points: readonly HoldPoint[]): string {
  return points.map((p) => `${p.epoch}:${p.batch}`).join(',');
}
