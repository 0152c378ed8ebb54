import type { PrimitiveDescriptor } from './descriptor';
import { merging, mergeInfer, mergeParams } from './merge';

export const concat: PrimitiveDescriptor<'concat', typeof mergeParams> = {
  ...merging,
  type: 'concat',
  title: 'Concatenate',
  hint: 'Stack channels',
  description: 'Stacks inputs along the last axis; all other dimensions must match.',
  traits: { accepts: 'any', merge: 'concat' },
  infer: mergeInfer('concat'),
};
