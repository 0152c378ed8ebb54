import type { Conv2DBackpropFilterAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../tf';
import { KernelContext, splitPadding } from './kernel-context';

type Shape4 = [number, number, number, number];

/**
 * dW[i,j,ci,co] = Σ_{n,oh,ow} x[n, oh·s + i − padTop, ow·s + j − padLeft, ci] · dy[n,oh,ow,co]
 * is itself a convolution: batch = input channels, channels = batch, of the
 * transposed input with the transposed output gradient as the filter, whose
 * dilation is the forward stride. One XNNPACK conv instead of a scalar loop.
 */
export function conv2DBackpropFilterViaConv(backendName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const x = inputs.x as TensorInfo;
    const dy = inputs.dy as TensorInfo;
    const { strides, pad, dimRoundingMode, filterShape, dataFormat } =
      attrs as unknown as Conv2DBackpropFilterAttrs;
    if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter on ${backendName} supports NHWC only`);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as Shape4,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const [kh, kw, inChannels, outChannels] = filterShape;
    const [batch, height, width] = x.shape as Shape4;
    const ctx = new KernelContext(backend, backendName);

    // Rows/cols of (padded) input the gradient conv needs to produce exactly kh × kw outputs.
    const neededH = kh + (info.outHeight - 1) * info.strideHeight;
    const neededW = kw + (info.outWidth - 1) * info.strideWidth;
    const rows = splitPadding(info.padInfo.top, neededH - height - info.padInfo.top);
    const cols = splitPadding(info.padInfo.left, neededW - width - info.padInfo.left);

    const xCropped = ctx.sliceIfNeeded(
      x,
      [0, rows.crop[0], cols.crop[0], 0],
      [batch, height - rows.crop[0] - rows.crop[1], width - cols.crop[0] - cols.crop[1], inChannels],
    );
    const xT = ctx.run('Transpose', { x: xCropped }, { perm: [3, 1, 2, 0] });
    const dyT = ctx.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const grad = ctx.run(
      'Conv2D',
      { x: xT, filter: dyT },
      {
        strides: [1, 1],
        pad: [[0, 0], rows.pad, cols.pad, [0, 0]],
        dataFormat: 'NHWC',
        dilations: [info.strideHeight, info.strideWidth],
      },
    );
    const fitted = ctx.sliceIfNeeded(grad, [0, 0, 0, 0], [inChannels, kh, kw, outChannels]);
    return ctx.finish(ctx.run('Transpose', { x: fitted }, { perm: [1, 2, 0, 3] }));
  };
}

export function conv2DBackpropFilterConfig(backendName: string): KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropFilter,
    backendName,
    kernelFunc: conv2DBackpropFilterViaConv(backendName),
  };
}
