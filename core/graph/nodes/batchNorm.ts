import { z } from 'zod';
import { NOTHING, ONE_INPUT } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

const params = z.object({
  momentum: z.number().min(0).max(1),
  epsilon: z.number().gt(0).max(1),
});

export const batchNorm: PrimitiveDescriptor<'batchNorm', typeof params> = {
  kind: 'primitive',
  type: 'batchNorm',
  params,
  defaults: { momentum: 0.9, epsilon: 0.001 },
  title: 'Batch norm',
  hint: 'Normalise per channel',
  description: 'Normalises each channel by its batch statistics, then scales and shifts it.',
  group: 'normalisation',
  arity: ONE_INPUT,
  digest: (p) => `momentum ${p.momentum}`,
  traits: { accepts: 'any' },
  infer: (_p, [input]) => {
    // Normalises the last axis, so it works after dense layers too.
    if (!input || input.length === 0) return NOTHING;
    const c = input[input.length - 1]!;
    return { shape: [...input], params: 4 * c, trainableParams: 2 * c, macs: 0 };
  },
};
