import { tf } from '../../backends/tf';
import { BinaryStep } from './binary-step';
import { ScaledElu } from './elu';
import { LocalResponseNorm } from './lrn';
import { SeededDropout } from './seeded-dropout';
import { ZeroPadChannels } from './zero-pad-channels';

export { BinaryStep, LocalResponseNorm, ScaledElu, SeededDropout, ZeroPadChannels };

/** Custom layer classes, registered on import so tf.loadLayersModel can rebuild saved models. */
export const CUSTOM_LAYERS = [
  BinaryStep,
  LocalResponseNorm,
  ScaledElu,
  SeededDropout,
  ZeroPadChannels,
] as const;

for (const layer of CUSTOM_LAYERS) tf.serialization.registerClass(layer);
