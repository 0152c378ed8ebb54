import { PNG } from 'pngjs';
import { decodeImage, toChannels } from '../data/decode';
import type { ImageShape } from '../data';

/** HWC bytes (1 or 3 channels) → base64 PNG: how pictures cross the contract, compact and bounded. */
export function encodePngBase64(pixels: ArrayLike<number>, shape: ImageShape): string {
  const [height, width, channels] = shape;
  const png = new PNG({ width, height, colorType: 6 });
  for (let i = 0; i < height * width; i++) {
    const gray = channels < 3;
    for (let c = 0; c < 3; c++) png.data[i * 4 + c] = pixels[i * channels + (gray ? 0 : c)] ?? 0;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png).toString('base64');
}

/** A dropped PNG/JPEG (base64) resized to the net's input, as gray or RGB bytes. */
export function decodeImageBase64(base64: string, shape: ImageShape): Uint8Array {
  const [height, width, channels] = shape;
  if (channels !== 1 && channels !== 3)
    throw new Error(`cannot feed a picture to a ${channels}-channel input`);
  const image = decodeImage(new Uint8Array(Buffer.from(base64, 'base64')), 'dropped image');
  return toChannels(image, height, width, channels);
}
