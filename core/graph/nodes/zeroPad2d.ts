import { z } from 'zod';
import { nonNegativeInt } from '../params';
import { image, ONE_INPUT, passThrough } from './descriptor';
import type { PrimitiveDescriptor } from './descriptor';

/**
 * Spatial zero padding, plus optional zero channels before/after: the
 * "identity with zero-padding" shortcut of ResNet option A needs the latter.
 */
const params = z.object({
  top: nonNegativeInt(4096),
  bottom: nonNegativeInt(4096),
  left: nonNegativeInt(4096),
  right: nonNegativeInt(4096),
  channelsBefore: nonNegativeInt(4096),
  channelsAfter: nonNegativeInt(4096),
});

export const zeroPad2d: PrimitiveDescriptor<'zeroPad2d', typeof params> = {
  kind: 'primitive',
  type: 'zeroPad2d',
  params,
  defaults: { top: 1, bottom: 1, left: 1, right: 1, channelsBefore: 0, channelsAfter: 0 },
  title: 'Zero padding',
  hint: 'Pad borders or channels',
  description: 'Adds rows, columns or channels of zeros around the image.',
  group: 'convolution',
  arity: ONE_INPUT,
  digest: (p) => {
    const extra = p.channelsBefore + p.channelsAfter;
    return `pad ${p.top},${p.bottom},${p.left},${p.right}${extra > 0 ? ` +${extra}ch` : ''}`;
  },
  traits: { accepts: 'image' },
  infer: (p, [input]) => {
    const img = image(input);
    return passThrough(
      img
        ? [img[0] + p.top + p.bottom, img[1] + p.left + p.right, img[2] + p.channelsBefore + p.channelsAfter]
        : null,
    );
  },
};
