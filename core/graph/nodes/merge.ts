import { z } from 'zod';
import { sameShape } from '../shape';
import type { Shape } from '../shape';
import { passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

export const mergeParams = z.object({});

/** Up to 64 inputs, joined in edge order. */
export const MERGE_ARITY = { min: 2, max: 64 } as const;

/** Equal in every dimension but the last (concat joins on channels). */
export function sameLeading(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The joined shape, or null when an input is unknown or the shapes do not fit together. */
export function mergeShape(kind: 'add' | 'concat', inputs: readonly (Shape | null)[]): Shape | null {
  if (inputs.length < 2) return null;
  const known: Shape[] = [];
  for (const s of inputs) {
    if (!s) return null;
    known.push(s);
  }
  const first = known[0]!;
  if (kind === 'add') return known.every((s) => sameShape(s, first)) ? [...first] : null;
  if (!known.every((s) => sameLeading(s, first))) return null;
  const rank = first.length;
  return [...first.slice(0, rank - 1), known.reduce((sum, s) => sum + s[rank - 1]!, 0)];
}

type Shared = Pick<
  PrimitiveDescriptor<string, typeof mergeParams>,
  'kind' | 'params' | 'defaults' | 'group' | 'arity' | 'digest'
>;

export const merging: Shared = {
  kind: 'primitive',
  params: mergeParams,
  defaults: {},
  group: 'merge',
  arity: MERGE_ARITY,
  digest: () => '',
};

export function mergeInfer(kind: 'add' | 'concat') {
  return (_p: unknown, inputs: readonly (Shape | null)[]) => passThrough(mergeShape(kind, inputs));
}
