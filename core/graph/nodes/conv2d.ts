import { z } from 'zod';
import { LIMITS, paddingSchema, positiveInt } from '../params';
import { windowOutput } from '../shape';
import { image, NOTHING, ONE_INPUT, paddingText } from './descriptor';
import type { PrimitiveDescriptor, ShapeTraits } from './descriptor';

const params = z.object({
  filters: positiveInt(LIMITS.maxUnits),
  kernel: positiveInt(1024),
  stride: positiveInt(1024),
  padding: paddingSchema,
  dilation: positiveInt(1024),
  useBias: z.boolean(),
});

type WindowParams = { kernel: number; stride: number; dilation: number };

/** TensorFlow (and so training and export) has no strided atrous convolution; say so before Train does. */
export const convTraits: ShapeTraits<WindowParams & Pick<z.infer<typeof params>, 'padding'>> = {
  accepts: 'image',
  window: (p) => p,
  paramIssue: (p) =>
    p.stride > 1 && p.dilation > 1
      ? {
          code: 'stride-with-dilation',
          text: `combines stride ${p.stride} with dilation ${p.dilation}, which training does not support. Use stride 1 with dilation, or dilation 1 with stride.`,
        }
      : null,
};

export const conv2d: PrimitiveDescriptor<'conv2d', typeof params> = {
  kind: 'primitive',
  type: 'conv2d',
  params,
  defaults: { filters: 16, kernel: 3, stride: 1, padding: 'same', dilation: 1, useBias: true },
  title: 'Conv 2D',
  hint: 'Filters slide over the image',
  description: 'Slides `filters` k×k kernels over every input channel and sums them.',
  group: 'convolution',
  arity: ONE_INPUT,
  digest: (p) =>
    `${p.filters} @ ${p.kernel}×${p.kernel} /${p.stride} ${paddingText(p.padding)}${p.dilation > 1 ? ` d${p.dilation}` : ''}`,
  traits: convTraits,
  infer: (p, [input]) => {
    const img = image(input);
    if (!img) return NOTHING;
    const cin = img[2];
    const params = p.kernel * p.kernel * cin * p.filters + (p.useBias ? p.filters : 0);
    const out = windowOutput(img, p.kernel, p.stride, p.padding, p.dilation);
    if (!out) return { shape: null, params, trainableParams: params, macs: 0 };
    const macs = out[0] * out[1] * p.filters * p.kernel * p.kernel * cin;
    return { shape: [out[0], out[1], p.filters], params, trainableParams: params, macs };
  },
};
