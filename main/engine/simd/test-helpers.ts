import { expect } from 'vitest';
import { createRng } from '../../../core/random';
import { tf } from '../backends/tf';

export type Rng = ReturnType<typeof createRng>;
export { createRng };

export function randomArray(length: number, rng: Rng, scale = 1): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = (rng.next() * 2 - 1) * scale;
  return out;
}

/** max |a − b| / max(1, max |b|): a relative error that tolerates values near zero. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let mag = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    mag = Math.max(mag, Math.abs(b[i]!));
  }
  return diff / mag;
}

export async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  await tf.setBackend(name);
  expect(tf.getBackend()).toBe(name);
  return fn();
}
