import type { PrimitiveDescriptor } from './descriptor';
import { pooling, poolParams } from './pool';

export const maxPool2d: PrimitiveDescriptor<'maxPool2d', typeof poolParams> = {
  ...pooling,
  type: 'maxPool2d',
  title: 'Max pool',
  hint: 'Keep the strongest response',
  description: 'Keeps the largest value of each window, channel by channel.',
};
