import type { Conv2DBackpropInputAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../tf';
import { KernelContext, splitPadding } from './kernel-context';

type Shape4 = [number, number, number, number];

/**
 * dx = correlation of the zero-upsampled output gradient (stride − 1 zeros
 * between samples) with the spatially flipped filter, in/out channels
 * swapped, at stride 1. Replaces the package's scalar-loop kernel.
 */
export function conv2DBackpropInputViaConv(backendName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const dy = inputs.dy as TensorInfo;
    const filter = inputs.filter as TensorInfo;
    const { strides, pad, dimRoundingMode, inputShape, dataFormat } =
      attrs as unknown as Conv2DBackpropInputAttrs;
    if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropInput on ${backendName} supports NHWC only`);
    const filterShape = filter.shape as Shape4;
    const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, strides, 1, pad, dimRoundingMode);
    const [kh, kw, inChannels] = filterShape;
    const [batch, height, width] = inputShape;
    const [, outH, outW, outChannels] = dy.shape as Shape4;
    const sh = info.strideHeight;
    const sw = info.strideWidth;
    const ctx = new KernelContext(backend, backendName);

    let upsampled = dy;
    if (sh > 1 || sw > 1) {
      const spread = ctx.run('Reshape', { x: dy }, { shape: [batch, outH, 1, outW, 1, outChannels] });
      const padded = ctx.run(
        'PadV2',
        { x: spread },
        {
          paddings: [
            [0, 0],
            [0, 0],
            [0, sh - 1],
            [0, 0],
            [0, sw - 1],
            [0, 0],
          ],
          constantValue: 0,
        },
      );
      upsampled = ctx.run('Reshape', { x: padded }, { shape: [batch, outH * sh, outW * sw, outChannels] });
    }
    const upH = outH * sh;
    const upW = outW * sw;

    // Full correlation: pad by k − 1 − forwardPad before, and whatever makes the output exactly the input size after.
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const rows = splitPadding(top, height + kh - 1 - top - upH);
    const cols = splitPadding(left, width + kw - 1 - left - upW);
    const cropped = ctx.sliceIfNeeded(
      upsampled,
      [0, rows.crop[0], cols.crop[0], 0],
      [batch, upH - rows.crop[0] - rows.crop[1], upW - cols.crop[0] - cols.crop[1], outChannels],
    );
    const flipped = ctx.run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = ctx.run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
    const dx = ctx.run(
      'Conv2D',
      { x: cropped, filter: swapped },
      { strides: [1, 1], pad: [[0, 0], rows.pad, cols.pad, [0, 0]], dataFormat: 'NHWC', dilations: [1, 1] },
    );
    return ctx.finish(ctx.sliceIfNeeded(dx, [0, 0, 0, 0], [batch, height, width, inChannels]));
  };
}

export function conv2DBackpropInputConfig(backendName: string): KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropInput,
    backendName,
    kernelFunc: conv2DBackpropInputViaConv(backendName),
  };
}
