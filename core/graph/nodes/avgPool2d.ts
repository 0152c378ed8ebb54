import type { PrimitiveDescriptor } from './descriptor';
import { pooling, poolParams } from './pool';

export const avgPool2d: PrimitiveDescriptor<'avgPool2d', typeof poolParams> = {
  ...pooling,
  type: 'avgPool2d',
  title: 'Average pool',
  hint: 'Average each window',
  description: 'Averages each window, channel by channel.',
};
