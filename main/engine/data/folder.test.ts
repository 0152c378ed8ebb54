import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadImageFolder } from './folder';
import { tempDir } from './test-fixtures';
import { DatasetError } from './types';

let folder: { dir: string; cleanup: () => void };
beforeEach(() => (folder = tempDir('folder')));
afterEach(() => folder.cleanup());

function png(
  width: number,
  height: number,
  rgba: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set(rgba(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(image);
}

function save(className: string, name: string, bytes: Buffer): string {
  mkdirSync(join(folder.dir, className), { recursive: true });
  const path = join(folder.dir, className, name);
  writeFileSync(path, bytes);
  return path;
}

describe('image folder importer', () => {
  it('labels by sorted sub-folder and keeps gray folders one channel', async () => {
    save(
      'b-ones',
      'x.png',
      png(4, 3, () => [255, 255, 255, 255]),
    );
    save(
      'a-zeros',
      '2.png',
      png(4, 3, (x) => [x * 10, x * 10, x * 10, 255]),
    );
    save(
      'a-zeros',
      '1.png',
      png(4, 3, () => [0, 0, 0, 255]),
    );
    save('a-zeros', 'notes.txt', Buffer.from('ignored'));
    const { classes, train } = await loadImageFolder(folder.dir);
    expect(classes).toEqual(['a-zeros', 'b-ones']);
    expect(train.shape).toEqual([3, 4, 1]);
    expect(Array.from(train.labels)).toEqual([0, 0, 1]);
    expect(Array.from(train.images.subarray(12, 16))).toEqual([0, 10, 20, 30]);
    expect(train.images[24]).toBe(255);
  });

  it('decodes JPEG beside PNG, keeps colour as RGB and composites alpha over black', async () => {
    save(
      'red',
      'r.png',
      png(2, 2, () => [255, 0, 0, 128]),
    );
    const jpg = jpeg.encode({ width: 2, height: 2, data: Buffer.alloc(16, 200) }, 100);
    save('gray', 'g.jpg', jpg.data);
    const { classes, train } = await loadImageFolder(folder.dir);
    expect(classes).toEqual(['gray', 'red']);
    expect(train.shape).toEqual([2, 2, 3]);
    const gray = train.images[0]!;
    expect(Math.abs(gray - 200)).toBeLessThanOrEqual(3);
    expect(Array.from(train.images.subarray(12, 15))).toEqual([128, 0, 0]);
  });

  it('resizes to a given size, bilinearly', async () => {
    save(
      'c',
      'big.png',
      png(8, 8, () => [90, 90, 90, 255]),
    );
    save(
      'c',
      'small.png',
      png(2, 2, () => [30, 30, 30, 255]),
    );
    const { train } = await loadImageFolder(folder.dir, [4, 4]);
    expect(train.shape).toEqual([4, 4, 1]);
    expect(Array.from(train.images.subarray(0, 16))).toEqual(new Array(16).fill(90));
    expect(Array.from(train.images.subarray(16))).toEqual(new Array(16).fill(30));
  });

  it('names a file whose size differs from the first image', async () => {
    save(
      'c',
      'a.png',
      png(4, 4, () => [0, 0, 0, 255]),
    );
    save(
      'c',
      'b.png',
      png(5, 4, () => [0, 0, 0, 255]),
    );
    await expect(loadImageFolder(folder.dir)).rejects.toThrow(
      /b\.png: does not have the size of the first image/,
    );
  });

  it('names an image that fails to decode', async () => {
    save(
      'c',
      'a.png',
      png(4, 4, () => [0, 0, 0, 255]),
    );
    const broken = png(4, 4, () => [9, 9, 9, 255]).subarray(0, 40);
    save('c', 'broken.png', Buffer.from(broken));
    save('d', 'fake.jpg', Buffer.from('not really a jpeg'));
    const error = await loadImageFolder(folder.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toMatch(/^broken\.png: PNG cannot be decoded/);
    expect((error as DatasetError).file).toContain(join('c', 'broken.png'));
  });

  it('refuses a file that is neither PNG nor JPEG', async () => {
    save('d', 'fake.jpg', Buffer.from('not really a jpeg'));
    await expect(loadImageFolder(folder.dir)).rejects.toThrow('fake.jpg: is neither a PNG nor a JPEG');
  });

  it('refuses a folder without class sub-folders', async () => {
    await expect(loadImageFolder(folder.dir)).rejects.toThrow(/has 0 class sub-folders/);
  });
});
