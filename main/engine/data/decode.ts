import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DATA_LIMITS, DatasetError } from './types';

/** A decoded picture, always RGBA bytes. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_MEGAPIXELS = (DATA_LIMITS.maxSide * DATA_LIMITS.maxSide) / 1e6;

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Decodes PNG or JPEG by content (not extension); refuses pictures over the side limit before decoding. */
export function decodeImage(bytes: Uint8Array, file: string): Rgba {
  if (isPng(bytes)) {
    // The IHDR width/height sit at bytes 16..24; check them before pngjs allocates.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    checkSide(view.getUint32(16), view.getUint32(20), file);
    try {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    } catch {
      throw new DatasetError('PNG cannot be decoded (damaged or unsupported)', { file, field: 'png' });
    }
  }
  if (isJpeg(bytes)) {
    let decoded: { width: number; height: number; data: Uint8Array };
    try {
      decoded = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: MAX_MEGAPIXELS,
        maxMemoryUsageInMB: 64,
      });
    } catch {
      throw new DatasetError('JPEG cannot be decoded (damaged or unsupported)', { file, field: 'jpeg' });
    }
    checkSide(decoded.width, decoded.height, file);
    return decoded;
  }
  throw new DatasetError('is neither a PNG nor a JPEG (unknown file signature)', {
    file,
    field: 'signature',
  });
}

function checkSide(width: number, height: number, file: string): void {
  if (width < 1 || height < 1 || width > DATA_LIMITS.maxSide || height > DATA_LIMITS.maxSide) {
    throw new DatasetError(`each side of an image must be 1..${DATA_LIMITS.maxSide} pixels`, {
      file,
      field: 'size',
    });
  }
}

/** True when every pixel has R = G = B (after alpha), so the picture can be stored as one channel. */
export function isGray(image: Rgba): boolean {
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  }
  return true;
}

/**
 * Bilinear resize of RGBA to `channels` (1 or 3) bytes, compositing alpha over
 * black (transparent digits on a clear background become white on black).
 */
export function toChannels(image: Rgba, height: number, width: number, channels: 1 | 3): Uint8Array {
  const out = new Uint8Array(height * width * channels);
  const scaleY = image.height / height;
  const scaleX = image.width / width;
  const pixel = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), image.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), image.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const fx = sx - x0;
      pixel.fill(0);
      accumulate(image, y0, x0, (1 - fy) * (1 - fx), pixel);
      accumulate(image, y0, x1, (1 - fy) * fx, pixel);
      accumulate(image, y1, x0, fy * (1 - fx), pixel);
      accumulate(image, y1, x1, fy * fx, pixel);
      const at = (y * width + x) * channels;
      if (channels === 1) out[at] = Math.round(pixel[0]!);
      else for (let c = 0; c < 3; c++) out[at + c] = Math.round(pixel[c]!);
    }
  }
  return out;
}

function accumulate(image: Rgba, y: number, x: number, weight: number, into: Float64Array): void {
  if (weight === 0) return;
  const at = (y * image.width + x) * 4;
  const alpha = image.data[at + 3]! / 255;
  for (let c = 0; c < 3; c++) into[c] = into[c]! + weight * alpha * image.data[at + c]!;
}
