import { z } from 'zod';

/** Caps keep hostile documents from allocating absurd amounts of memory. */
export const LIMITS = {
  maxNodes: 20_000,
  maxEdges: 40_000,
  maxIdLength: 128,
  maxNameLength: 256,
  maxDimension: 65_536,
  maxUnits: 1_000_000,
} as const;

export const positiveInt = (max: number = LIMITS.maxDimension) => z.number().int().min(1).max(max);
export const nonNegativeInt = (max: number = LIMITS.maxDimension) => z.number().int().min(0).max(max);

/** `same` keeps ceil(N/S); `valid` adds none; a number is an explicit symmetric zero padding P. */
export const paddingSchema = z.union([z.literal('same'), z.literal('valid'), nonNegativeInt(4096)]);
export type Padding = z.infer<typeof paddingSchema>;

export const ACTIVATION_FUNCTIONS = [
  'identity',
  'binaryStep',
  'sigmoid',
  'tanh',
  'relu',
  'leakyRelu',
  'elu',
  'selu',
  'gelu',
  'softmax',
] as const;
export type ActivationFunction = (typeof ACTIVATION_FUNCTIONS)[number];
