import { z } from 'zod';
import { image, ONE_INPUT, passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

const params = z.object({});

export const globalAvgPool2d: PrimitiveDescriptor<'globalAvgPool2d', typeof params> = {
  kind: 'primitive',
  type: 'globalAvgPool2d',
  params,
  defaults: {},
  title: 'Global average pool',
  hint: 'One value per channel',
  description: 'Averages each channel over the whole image, giving one feature per channel.',
  group: 'pooling',
  arity: ONE_INPUT,
  digest: () => '',
  traits: { accepts: 'image' },
  infer: (_p, [input]) => {
    const img = image(input);
    return passThrough(img ? [img[2]] : null);
  },
};
