import { z } from 'zod';
import { paddingSchema, positiveInt } from '../params';
import { windowOutput } from '../shape';
import { image, ONE_INPUT, paddingText, passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

/** What max and average pooling share: a window, no weights, channels kept. */
export const poolParams = z.object({
  pool: positiveInt(1024),
  stride: positiveInt(1024),
  padding: paddingSchema,
});

type Shared = Omit<PrimitiveDescriptor<string, typeof poolParams>, 'type' | 'title' | 'hint' | 'description'>;

export const pooling: Shared = {
  kind: 'primitive',
  params: poolParams,
  defaults: { pool: 2, stride: 2, padding: 'valid' },
  group: 'pooling',
  arity: ONE_INPUT,
  digest: (p) => `${p.pool}×${p.pool} /${p.stride} ${paddingText(p.padding)}`,
  traits: {
    accepts: 'image',
    window: (p) => ({ kernel: p.pool, stride: p.stride, padding: p.padding, dilation: 1 }),
  },
  infer: (p, [input]) => {
    const img = image(input);
    const out = img && windowOutput(img, p.pool, p.stride, p.padding);
    return passThrough(img && out ? [out[0], out[1], img[2]] : null);
  },
};
