import { z } from 'zod';
import { nonNegativeInt } from '../params';
import { image, ONE_INPUT, passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

/** AlexNet's local response normalisation: b = a / (bias + alpha * sum(a^2 over 2r+1 channels))^beta. */
const params = z.object({
  depthRadius: nonNegativeInt(64),
  bias: z.number().finite(),
  alpha: z.number().finite(),
  beta: z.number().finite(),
});

export const lrn: PrimitiveDescriptor<'lrn', typeof params> = {
  kind: 'primitive',
  type: 'lrn',
  params,
  defaults: { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
  title: 'Local response norm',
  hint: "AlexNet's local response norm",
  description: 'Divides each value by the energy of its neighbouring channels (AlexNet).',
  group: 'normalisation',
  arity: ONE_INPUT,
  digest: (p) => `r=${p.depthRadius} α=${p.alpha} β=${p.beta}`,
  traits: { accepts: 'image' },
  infer: (_p, [input]) => passThrough(image(input) ? [...input!] : null),
};
