import { createRng, shuffleInPlace } from '../../../core/random';
import { DatasetError, pickSamples, type Samples } from './types';

/**
 * Holds out `fraction` of the samples for validation, stratified: each class
 * gives the same share (rounded), chosen by a seeded shuffle, so the same seed
 * always yields the same split. Both parts keep the original sample order.
 */
export function splitValidation(
  samples: Samples,
  fraction: number,
  seed: number,
): { train: Samples; validation: Samples } {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction >= 1) {
    throw new DatasetError(`validation fraction ${fraction} must be in [0, 1)`, { field: 'validationSplit' });
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < samples.count; i++) {
    const label = samples.labels[i]!;
    const members = byClass.get(label);
    if (members) members.push(i);
    else byClass.set(label, [i]);
  }
  const rng = createRng(seed);
  const held = new Uint8Array(samples.count);
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    shuffleInPlace(members, rng);
    const take = Math.round(members.length * fraction);
    for (let i = 0; i < take; i++) held[members[i]!] = 1;
  }
  const train: number[] = [];
  const validation: number[] = [];
  for (let i = 0; i < samples.count; i++) (held[i] ? validation : train).push(i);
  return { train: pickSamples(samples, train), validation: pickSamples(samples, validation) };
}
