import type { PrimitiveDescriptor } from './descriptor';
import { merging, mergeInfer, mergeParams } from './merge';

export const add: PrimitiveDescriptor<'add', typeof mergeParams> = {
  ...merging,
  type: 'add',
  title: 'Add (skip connection)',
  hint: 'Skip connection (sum)',
  description: 'Sums inputs of the same shape elementwise.',
  traits: { accepts: 'any', merge: 'add' },
  infer: mergeInfer('add'),
};
