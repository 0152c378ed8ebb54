import { tf } from '../backends/tf';
import { DilatedConv2D } from '../compile/layers';
import { applyLayer, NO_RANDOM_INIT, oneImage, padded, refuseStridedDilation, SEEDED_CONV } from './build';
import type { EngineNode } from './types';

export const conv2d: EngineNode<'conv2d'> = {
  weights: ['kernel', 'bias'],
  seeded: SEEDED_CONV,
  build: (node, inputs, ctx) => {
    const p = node.params;
    const x = oneImage(node, inputs);
    refuseStridedDilation(node, p.stride, p.dilation);
    const name = ctx.names.layerOf(node.id);
    const { x: input, mode } = padded(node, x, p.padding, ctx);
    if (p.dilation > 1) {
      const args = {
        filters: p.filters,
        kernel: p.kernel,
        dilation: p.dilation,
        padding: mode,
        useBias: p.useBias,
        name,
      };
      return applyLayer(new DilatedConv2D(args), input);
    }
    const conv = tf.layers.conv2d({
      filters: p.filters,
      kernelSize: p.kernel,
      strides: p.stride,
      padding: mode,
      dilationRate: p.dilation,
      useBias: p.useBias,
      name,
      ...NO_RANDOM_INIT,
    });
    return applyLayer(conv, input);
  },
};
