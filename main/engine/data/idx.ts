import { findFile, hex32, readMaybeGzip, requireDirectory } from './files';
import { DATA_LIMITS, DatasetError, type Samples } from './types';

const IMAGE_MAGIC = 0x00000803; // unsigned bytes, 3 dimensions
const LABEL_MAGIC = 0x00000801; // unsigned bytes, 1 dimension
const MAX_IDX_CLASSES = 10;

export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
export const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Parses an IDX image file (magic 0x803): validates the header against the byte length before copying. */
export function parseIdxImages(
  bytes: Uint8Array,
  file: string,
): { images: Uint8Array; count: number; rows: number; cols: number } {
  if (bytes.length < 4) {
    throw new DatasetError(`${bytes.length} bytes is too short for an IDX image file`, {
      file,
      field: 'header',
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== IMAGE_MAGIC) {
    throw new DatasetError(
      `magic number ${hex32(magic)} is not an IDX image file (expected ${hex32(IMAGE_MAGIC)})`,
      {
        file,
        field: 'magic',
      },
    );
  }
  if (bytes.length < 16) {
    throw new DatasetError(`${bytes.length} bytes is too short for an IDX image header (16 bytes)`, {
      file,
      field: 'header',
    });
  }
  const count = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  checkDim(rows, 'rows (offset 8)', DATA_LIMITS.maxSide, file);
  checkDim(cols, 'columns (offset 12)', DATA_LIMITS.maxSide, file);
  checkDim(count, 'image count (offset 4)', DATA_LIMITS.maxSamples, file);
  const expected = 16 + count * rows * cols;
  if (bytes.length !== expected) {
    throw new DatasetError(
      `header claims ${count} images of ${rows}×${cols} (${expected} bytes) but the file holds ${bytes.length} bytes` +
        (bytes.length < expected ? ' (truncated)' : ''),
      { file, field: 'length' },
    );
  }
  // A plain copy: a Buffer view would pin (and, when pooled, expose) the whole read buffer.
  return { images: new Uint8Array(bytes.subarray(16)), count, rows, cols };
}

/** Parses an IDX label file (magic 0x801); every label must be a class index below `classCount`. */
export function parseIdxLabels(bytes: Uint8Array, file: string, classCount = MAX_IDX_CLASSES): Uint8Array {
  if (bytes.length < 4) {
    throw new DatasetError(`${bytes.length} bytes is too short for an IDX label file`, {
      file,
      field: 'header',
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== LABEL_MAGIC) {
    throw new DatasetError(
      `magic number ${hex32(magic)} is not an IDX label file (expected ${hex32(LABEL_MAGIC)})`,
      {
        file,
        field: 'magic',
      },
    );
  }
  if (bytes.length < 8) {
    throw new DatasetError(`${bytes.length} bytes is too short for an IDX label header (8 bytes)`, {
      file,
      field: 'header',
    });
  }
  const count = view.getUint32(4);
  checkDim(count, 'label count (offset 4)', DATA_LIMITS.maxSamples, file);
  if (bytes.length !== 8 + count) {
    throw new DatasetError(
      `header claims ${count} labels (${8 + count} bytes) but the file holds ${bytes.length} bytes` +
        (bytes.length < 8 + count ? ' (truncated)' : ''),
      { file, field: 'length' },
    );
  }
  const labels = new Uint8Array(bytes.subarray(8));
  const bad = labels.findIndex((label) => label >= classCount);
  if (bad >= 0) {
    throw new DatasetError(`label ${labels[bad]} at offset ${8 + bad} is not below ${classCount}`, {
      file,
      field: `label[${bad}]`,
    });
  }
  return labels;
}

function checkDim(value: number, field: string, max: number, file: string): void {
  if (value < 1 || value > max) {
    throw new DatasetError(`${field} is ${value}, outside 1..${max}`, { file, field });
  }
}

/** The split's two files, in either naming of the MNIST site (…-idx3-ubyte or ….idx3-ubyte), raw or .gz. */
function splitFiles(dir: string, prefix: 'train' | 't10k'): { images: string | null; labels: string | null } {
  const variants = (kind: 'images' | 'labels', dims: 1 | 3): string[] =>
    [`${prefix}-${kind}-idx${dims}-ubyte`, `${prefix}-${kind}.idx${dims}-ubyte`].flatMap((n) => [
      n,
      `${n}.gz`,
    ]);
  return { images: findFile(dir, variants('images', 3)), labels: findFile(dir, variants('labels', 1)) };
}

async function loadSplit(imagesFile: string, labelsFile: string): Promise<Samples> {
  const images = parseIdxImages(await readMaybeGzip(imagesFile), imagesFile);
  const labels = parseIdxLabels(await readMaybeGzip(labelsFile, DATA_LIMITS.maxSamples + 8), labelsFile);
  if (labels.length !== images.count) {
    throw new DatasetError(
      `holds ${labels.length} labels but its images file holds ${images.count} images; the counts must match`,
      { file: labelsFile, field: 'count' },
    );
  }
  return { images: images.images, labels, count: images.count, shape: [images.rows, images.cols, 1] };
}

/** The files an IDX folder needs; `test` is null when the t10k pair is absent. */
export function idxFiles(dir: string): { train: [string, string]; test: [string, string] | null } {
  requireDirectory(dir, 'IDX dataset');
  const train = splitFiles(dir, 'train');
  if (!train.images || !train.labels) {
    throw new DatasetError(
      `no ${train.images ? 'train-labels-idx1-ubyte' : 'train-images-idx3-ubyte'}[.gz] in this folder`,
      { file: dir, field: train.images ? 'train-labels' : 'train-images' },
    );
  }
  const test = splitFiles(dir, 't10k');
  if (Boolean(test.images) !== Boolean(test.labels)) {
    throw new DatasetError(`has only one of t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte`, {
      file: dir,
      field: 't10k',
    });
  }
  return {
    train: [train.images, train.labels],
    test: test.images && test.labels ? [test.images, test.labels] : null,
  };
}

/** Loads an MNIST-format folder (MNIST, Fashion-MNIST, KMNIST…). */
export async function loadIdxFolder(dir: string): Promise<{ train: Samples; test: Samples | null }> {
  const files = idxFiles(dir);
  const train = await loadSplit(...files.train);
  const test = files.test ? await loadSplit(...files.test) : null;
  if (test && (test.shape[0] !== train.shape[0] || test.shape[1] !== train.shape[1])) {
    throw new DatasetError(
      `test images are ${test.shape[0]}×${test.shape[1]} but train images are ${train.shape[0]}×${train.shape[1]}`,
      { file: files.test?.[0], field: 'rows' },
    );
  }
  return { train, test };
}
