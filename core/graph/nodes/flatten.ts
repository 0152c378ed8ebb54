import { z } from 'zod';
import { elementCount } from '../shape';
import { ONE_INPUT, passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

const params = z.object({});

export const flatten: PrimitiveDescriptor<'flatten', typeof params> = {
  kind: 'primitive',
  type: 'flatten',
  params,
  defaults: {},
  title: 'Flatten',
  hint: '3-D → vector',
  description: 'Lays an image out as one vector of height × width × channels features.',
  group: 'dense',
  arity: ONE_INPUT,
  digest: () => '',
  traits: { accepts: 'any' },
  infer: (_p, [input]) => passThrough(input && input.length > 0 ? [elementCount(input)] : null),
};
