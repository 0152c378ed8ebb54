import { z } from 'zod';
import { LIMITS, positiveInt } from '../params';
import { fullyConnected } from './dense';
import { ONE_INPUT } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

/** The classifier head: a fully-connected layer to `classes` units, softmax, trained with cross-entropy. */
const params = z.object({
  classes: positiveInt(LIMITS.maxUnits),
});

export const output: PrimitiveDescriptor<'output', typeof params> = {
  kind: 'primitive',
  type: 'output',
  params,
  defaults: { classes: 10 },
  title: 'Output (softmax)',
  hint: 'Classes, softmax',
  description: 'A fully-connected layer to one unit per class, then softmax.',
  group: 'io',
  arity: ONE_INPUT,
  digest: (p) => `${p.classes} classes`,
  traits: { accepts: 'vector' },
  infer: (p, [input]) => fullyConnected(p.classes, true, input),
};
