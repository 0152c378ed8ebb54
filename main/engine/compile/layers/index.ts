import { tf } from '../../backends/tf';
import { BinaryStep } from './binary-step';
import { DilatedConv2D } from './dilated-conv';
import { ScaledElu } from './elu';
import { LocalResponseNorm } from './lrn';
import { SeededDropout } from './seeded-dropout';
import { ZeroPadChannels } from './zero-pad-channels';

export { BinaryStep, DilatedConv2D, LocalResponseNorm, ScaledElu, SeededDropout, ZeroPadChannels };

/** Custom layer classes, registered on import so tf.loadLayersModel can rebuild saved models. */
export const CUSTOM_LAYERS = [
  BinaryStep,
  LocalResponseNorm,
  ScaledElu,
  SeededDropout,
  ZeroPadChannels,
  DilatedConv2D,
] as const;

for (const layer of CUSTOM_LAYERS) tf.serialization.registerClass(layer);
