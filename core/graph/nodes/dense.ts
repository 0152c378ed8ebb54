import { z } from 'zod';
import { LIMITS, positiveInt } from '../params';
import type { Shape } from '../shape';
import { NOTHING, ONE_INPUT, vector } from './descriptor';
import type { LayerResult, PrimitiveDescriptor } from './descriptor';

const params = z.object({
  units: positiveInt(LIMITS.maxUnits),
  useBias: z.boolean(),
});

/** A fully-connected layer's shape and counts; the Output head is one too. */
export function fullyConnected(units: number, bias: boolean, input: Shape | null | undefined): LayerResult {
  const n = vector(input);
  if (n === null) return NOTHING;
  const params = n * units + (bias ? units : 0);
  return { shape: [units], params, trainableParams: params, macs: n * units };
}

export const dense: PrimitiveDescriptor<'dense', typeof params> = {
  kind: 'primitive',
  type: 'dense',
  params,
  defaults: { units: 64, useBias: true },
  title: 'Dense (fully connected)',
  hint: 'Fully connected',
  description: 'Connects every input feature to each of `units` outputs.',
  group: 'dense',
  arity: ONE_INPUT,
  digest: (p) => `${p.units} units${p.useBias ? '' : ', no bias'}`,
  traits: { accepts: 'vector' },
  infer: (p, [input]) => fullyConnected(p.units, p.useBias, input),
};
