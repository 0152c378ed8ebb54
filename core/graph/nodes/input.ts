import { z } from 'zod';
import { positiveInt } from '../params';
import { passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

const params = z.object({
  height: positiveInt(),
  width: positiveInt(),
  channels: positiveInt(4096),
});

export const input: PrimitiveDescriptor<'input', typeof params> = {
  kind: 'primitive',
  type: 'input',
  params,
  defaults: { height: 28, width: 28, channels: 1 },
  title: 'Input',
  hint: 'Image H×W×C',
  description: 'The image the network reads, height × width × channels.',
  group: 'io',
  arity: { min: 0, max: 0 },
  digest: (p) => `${p.height}×${p.width}×${p.channels}`,
  traits: { accepts: 'any' },
  infer: (p) => passThrough([p.height, p.width, p.channels]),
};
