import { z } from 'zod';
import { ONE_INPUT, passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

const params = z.object({
  rate: z.number().min(0).lt(1),
});

export const dropout: PrimitiveDescriptor<'dropout', typeof params> = {
  kind: 'primitive',
  type: 'dropout',
  params,
  defaults: { rate: 0.5 },
  title: 'Dropout',
  hint: 'Randomly zero units',
  description: 'While training, zeroes each value with probability `rate` and rescales the rest.',
  group: 'normalisation',
  arity: ONE_INPUT,
  digest: (p) => `rate ${p.rate}`,
  traits: { accepts: 'any' },
  infer: (_p, [input]) => passThrough(input ? [...input] : null),
};
