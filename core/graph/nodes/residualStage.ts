import { z } from 'zod';
import { LIMITS, positiveInt } from '../params';
import { ONE_INPUT } from './descriptor';
import type { CompositeDescriptor } from './descriptor';

/**
 * n basic blocks (3×3 conv, BN, ReLU, 3×3 conv, BN, [+ shortcut], ReLU), He et al. 2016.
 * `residual: false` gives the plain stage of the same depth and width.
 */
const params = z.object({
  blocks: positiveInt(256),
  filters: positiveInt(LIMITS.maxUnits),
  firstStride: positiveInt(16),
  shortcut: z.enum(['identityPad', 'projection']),
  residual: z.boolean(),
});

export const residualStage: CompositeDescriptor<'residualStage', typeof params> = {
  kind: 'composite',
  type: 'residualStage',
  params,
  defaults: { blocks: 3, filters: 16, firstStride: 1, shortcut: 'identityPad', residual: true },
  title: 'Residual / plain stage',
  hint: 'n basic blocks (ResNet)',
  description: 'n ResNet basic blocks of two 3×3 convolutions, with or without the shortcut.',
  group: 'composites',
  arity: ONE_INPUT,
  digest: (p) => {
    const kind = p.residual
      ? p.shortcut === 'projection'
        ? 'residual, 1×1 proj'
        : 'residual, zero-pad'
      : 'plain';
    return `${p.blocks} blocks × ${p.filters} /${p.firstStride} ${kind}`;
  },
  traits: { accepts: 'image' },
};
