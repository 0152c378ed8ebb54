import { DATA_LIMITS, DatasetError, type ImageShape, type Samples } from './types';

const LUMA = [0.299, 0.587, 0.114] as const;

function checkTarget(to: ImageShape): void {
  const [height, width, channels] = to;
  const sideOk = (side: number): boolean =>
    Number.isInteger(side) && side >= 1 && side <= DATA_LIMITS.maxSide;
  if (!sideOk(height) || !sideOk(width)) {
    throw new DatasetError(
      `cannot adapt images to ${to.join('×')}: each side must be 1..${DATA_LIMITS.maxSide}`,
      {
        field: 'shape',
      },
    );
  }
  if (channels !== 1 && channels !== 3) {
    throw new DatasetError(
      `cannot adapt images to ${channels} channels: only gray (1) and RGB (3) inputs are supported`,
      {
        field: 'channels',
      },
    );
  }
}

/** Maps one pixel's source channels to the target's: same, gray→RGB replicate, RGB→gray luminance. */
function channelMapper(
  from: number,
  to: number,
): (src: Uint8Array, at: number, dst: Uint8Array, out: number) => void {
  if (from === to) {
    return (src, at, dst, out) => {
      for (let c = 0; c < to; c++) dst[out + c] = src[at + c]!;
    };
  }
  if (from === 1 && to === 3) {
    return (src, at, dst, out) => {
      const value = src[at]!;
      dst[out] = value;
      dst[out + 1] = value;
      dst[out + 2] = value;
    };
  }
  if (from === 3 && to === 1) {
    return (src, at, dst, out) => {
      dst[out] = Math.round(LUMA[0] * src[at]! + LUMA[1] * src[at + 1]! + LUMA[2] * src[at + 2]!);
    };
  }
  throw new DatasetError(`cannot convert ${from}-channel images to ${to} channels (only 1↔3 or equal)`, {
    field: 'channels',
  });
}

/**
 * Makes data fit a network's input: zero-pads (centred) when the target is
 * larger, centre-crops when smaller, and converts gray↔RGB. This is what lets
 * 28×28×1 digits feed a 32×32×3 net. Returns the input unchanged when the
 * shapes already match.
 */
export function adaptSamples(samples: Samples, to: ImageShape): Samples {
  checkTarget(to);
  const [fromH, fromW, fromC] = samples.shape;
  const [toH, toW, toC] = to;
  if (fromH === toH && fromW === toW && fromC === toC) return samples;
  const mapChannels = channelMapper(fromC, toC);
  // Positive offset: padding in the target; negative: cropping of the source.
  const offY = Math.floor((toH - fromH) / 2);
  const offX = Math.floor((toW - fromW) / 2);
  const fromSize = fromH * fromW * fromC;
  const toSize = toH * toW * toC;
  if (samples.count * toSize > DATA_LIMITS.maxImageBytes) {
    throw new DatasetError(`adapting ${samples.count} images to ${to.join('×')} needs too much memory`, {
      field: 'shape',
    });
  }
  const images = new Uint8Array(samples.count * toSize); // zeros: the padding
  const rowStart = Math.max(0, offY);
  const rowEnd = Math.min(toH, fromH + offY);
  const colStart = Math.max(0, offX);
  const colEnd = Math.min(toW, fromW + offX);
  for (let n = 0; n < samples.count; n++) {
    for (let y = rowStart; y < rowEnd; y++) {
      for (let x = colStart; x < colEnd; x++) {
        const src = n * fromSize + ((y - offY) * fromW + (x - offX)) * fromC;
        mapChannels(samples.images, src, images, n * toSize + (y * toW + x) * toC);
      }
    }
  }
  return { images, labels: samples.labels, count: samples.count, shape: [toH, toW, toC] };
}
