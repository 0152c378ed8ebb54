import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import { tf } from '../../backends/tf';

export type { LayerArgs };
export type SymbolicShape = (number | null)[];
export type ConfigDict = ReturnType<tf.layers.Layer['getConfig']>;
export type Kwargs = { training?: boolean; [key: string]: unknown };

/** A custom layer has one input tensor; tfjs hands us a tensor or a one-element list. */
export function single(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  const x = Array.isArray(inputs) ? inputs[0] : inputs;
  if (!x) throw new Error('custom layer called without an input');
  return x;
}

export function singleShape(shape: SymbolicShape | SymbolicShape[]): SymbolicShape {
  if (shape.length > 0 && Array.isArray(shape[0])) return [...(shape[0] as SymbolicShape)];
  return [...(shape as SymbolicShape)];
}

export function numberFrom(config: ConfigDict, key: string, fallback: number): number {
  const value = config[key];
  return typeof value === 'number' ? value : fallback;
}
