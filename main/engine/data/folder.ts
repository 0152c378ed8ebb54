import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { decodeImage, isGray, toChannels } from './decode';
import { checkInsideDataset, requireDirectory } from './files';
import { DATA_LIMITS, DatasetError, type Samples } from './types';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

export interface FolderListing {
  classes: string[];
  files: { path: string; label: number; size: number; mtimeMs: number }[];
}

function visible(name: string): boolean {
  return !name.startsWith('.');
}

/**
 * One sub-folder per class (sorted by name, so labels are stable); inside,
 * files with a .png/.jpg/.jpeg extension in name order. Other files are
 * ignored on purpose (READMEs, thumbnails databases); limits are checked here,
 * before anything is decoded.
 */
export function listImageFolder(dir: string): FolderListing {
  requireDirectory(dir, 'image');
  const classes = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && visible(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (classes.length < 1 || classes.length > DATA_LIMITS.maxClasses) {
    throw new DatasetError(
      `has ${classes.length} class sub-folders; expected 1..${DATA_LIMITS.maxClasses} (one sub-folder per class)`,
      { file: dir, field: 'classes' },
    );
  }
  const files: FolderListing['files'] = [];
  classes.forEach((name, label) => {
    const classDir = join(dir, name);
    const names = readdirSync(classDir)
      .filter((file) => visible(file) && IMAGE_EXTENSIONS.has(extname(file).toLowerCase()))
      .sort();
    for (const file of names) {
      const path = join(classDir, file);
      checkInsideDataset(dir, path);
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      if (stat.size > DATA_LIMITS.maxImageFileBytes) {
        throw new DatasetError(
          `is ${stat.size} bytes; an image may be at most ${DATA_LIMITS.maxImageFileBytes}`,
          {
            file: path,
            field: 'size',
          },
        );
      }
      files.push({ path, label, size: stat.size, mtimeMs: stat.mtimeMs });
      if (files.length > DATA_LIMITS.maxFolderFiles) {
        throw new DatasetError(`holds more than ${DATA_LIMITS.maxFolderFiles} images`, {
          file: dir,
          field: 'count',
        });
      }
    }
  });
  if (files.length === 0) {
    throw new DatasetError('has no .png/.jpg/.jpeg images in its class sub-folders', {
      file: dir,
      field: 'count',
    });
  }
  return { classes, files };
}

/**
 * Loads an image folder. Without `size`, every image must have the first
 * image's size; with it, each is resized bilinearly. An image that fails to
 * decode stops the import with its name (silently skipping would change the
 * class balance unnoticed). All-gray folders become 1 channel, others RGB.
 */
export async function loadImageFolder(
  dir: string,
  size?: [height: number, width: number],
): Promise<{ classes: string[]; train: Samples }> {
  const listing = listImageFolder(dir);
  let target = size ?? null;
  if (target && target.some((side) => !Number.isInteger(side) || side < 1 || side > DATA_LIMITS.maxSide)) {
    throw new DatasetError(`resize target ${target.join('×')} is not 1..${DATA_LIMITS.maxSide} per side`, {
      field: 'size',
    });
  }
  let rgb: Uint8Array | null = null;
  let allGray = true;
  const labels = new Uint8Array(listing.files.length);
  for (const [index, entry] of listing.files.entries()) {
    const image = decodeImage(await readFile(entry.path), entry.path);
    if (!target) target = [image.height, image.width];
    else if (!size && (image.height !== target[0] || image.width !== target[1])) {
      throw new DatasetError(
        'does not have the size of the first image; give the folder a size to resize all images',
        { file: entry.path, field: 'size' },
      );
    }
    const pixels = target[0] * target[1] * 3;
    rgb ??= allocate(listing.files.length * pixels, dir);
    allGray &&= isGray(image);
    rgb.set(toChannels(image, target[0], target[1], 3), index * pixels);
    labels[index] = entry.label;
  }
  if (!target || !rgb) throw new DatasetError('has no images', { file: dir });
  const count = listing.files.length;
  if (!allGray)
    return { classes: listing.classes, train: { images: rgb, labels, count, shape: [...target, 3] } };
  const gray = new Uint8Array(rgb.length / 3);
  for (let i = 0; i < gray.length; i++) gray[i] = rgb[i * 3]!;
  return { classes: listing.classes, train: { images: gray, labels, count, shape: [...target, 1] } };
}

function allocate(bytes: number, dir: string): Uint8Array {
  if (bytes > DATA_LIMITS.maxImageBytes) {
    throw new DatasetError(`would need ${bytes} bytes of pixels, more than ${DATA_LIMITS.maxImageBytes}`, {
      file: dir,
      field: 'size',
    });
  }
  return new Uint8Array(bytes);
}
