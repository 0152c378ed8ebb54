import { z } from 'zod';
import { LIMITS, positiveInt } from '../params';
import { ONE_INPUT } from './descriptor';
import type { CompositeDescriptor } from './descriptor';

/** k 3×3 same convs with ReLU, then 2×2 max pool at stride 2 (Simonyan & Zisserman). */
const params = z.object({
  convs: positiveInt(64),
  filters: positiveInt(LIMITS.maxUnits),
  batchNorm: z.boolean(),
});

export const vggBlock: CompositeDescriptor<'vggBlock', typeof params> = {
  kind: 'composite',
  type: 'vggBlock',
  params,
  defaults: { convs: 2, filters: 64, batchNorm: false },
  title: 'VGG block',
  hint: 'k 3×3 convs + pool',
  description: 'k 3×3 convolutions with ReLU, then a 2×2 max pool.',
  group: 'composites',
  arity: ONE_INPUT,
  digest: (p) => `${p.convs} × conv3×3 ${p.filters}${p.batchNorm ? ' +BN' : ''} + pool`,
  traits: { accepts: 'image' },
};
