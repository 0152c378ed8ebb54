import { z } from 'zod';
import { ACTIVATION_FUNCTIONS } from '../params';
import type { ActivationFunction } from '../params';
import { ONE_INPUT, passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

const params = z.object({
  fn: z.enum(ACTIVATION_FUNCTIONS),
  /** Negative slope for leaky ReLU, scale for ELU; ignored by the others. */
  alpha: z.number().finite().min(0).max(10),
});

const NAMES: { [F in ActivationFunction]: string } = {
  identity: 'identity',
  binaryStep: 'binary step',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'ReLU',
  leakyRelu: 'leaky ReLU',
  elu: 'ELU',
  selu: 'SELU',
  gelu: 'GELU',
  softmax: 'softmax',
};

export const activation: PrimitiveDescriptor<'activation', typeof params> = {
  kind: 'primitive',
  type: 'activation',
  params,
  defaults: { fn: 'relu', alpha: 0.01 },
  title: 'Activation',
  hint: 'ReLU, sigmoid, GELU, …',
  description: 'Applies a nonlinearity to every value.',
  group: 'activation',
  arity: ONE_INPUT,
  digest: (p) => (p.fn === 'leakyRelu' || p.fn === 'elu' ? `${NAMES[p.fn]} α=${p.alpha}` : NAMES[p.fn]),
  traits: { accepts: 'any' },
  infer: (_p, [input]) => passThrough(input ? [...input] : null),
};
