import { readSizedFile, type SizedFormat } from './capped';
import { findFile, hex32, requireDirectory } from './files';
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

const IMAGE_HEADER = 16;
const LABEL_HEADER = 8;

function checkMagic(view: DataView, expected: number, what: 'image' | 'label', file: string): void {
  if (view.byteLength < 4) {
    throw new DatasetError(`is too short for an IDX ${what} file`, { file, field: 'header' });
  }
  // The value found is file content, so only the expected one is named.
  if (view.getUint32(0) !== expected) {
    throw new DatasetError(`is not an IDX ${what} file (expected magic number ${hex32(expected)})`, {
      file,
      field: 'magic',
    });
  }
}

/** The exact byte length an IDX image file must have, from its first 16 bytes (magic 0x803). */
export function idxImagesLength(header: Uint8Array, file: string): number {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  checkMagic(view, IMAGE_MAGIC, 'image', file);
  if (header.length < IMAGE_HEADER) {
    throw new DatasetError(`is too short for an IDX image header (16 bytes)`, { file, field: 'header' });
  }
  const count = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  checkDim(rows, 'rows (offset 8)', DATA_LIMITS.maxSide, file);
  checkDim(cols, 'columns (offset 12)', DATA_LIMITS.maxSide, file);
  checkDim(count, 'image count (offset 4)', DATA_LIMITS.maxSamples, file);
  const pixels = count * rows * cols;
  if (pixels > DATA_LIMITS.maxImageBytes) {
    throw new DatasetError(`header asks for more than ${DATA_LIMITS.maxImageBytes} bytes of pixels`, {
      file,
      field: 'count',
    });
  }
  return IMAGE_HEADER + pixels;
}

/** The exact byte length an IDX label file must have, from its first 8 bytes (magic 0x801). */
export function idxLabelsLength(header: Uint8Array, file: string): number {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  checkMagic(view, LABEL_MAGIC, 'label', file);
  if (header.length < LABEL_HEADER) {
    throw new DatasetError(`is too short for an IDX label header (8 bytes)`, { file, field: 'header' });
  }
  const count = view.getUint32(4);
  checkDim(count, 'label count (offset 4)', DATA_LIMITS.maxSamples, file);
  return LABEL_HEADER + count;
}

const IDX_IMAGES: SizedFormat = { headerBytes: IMAGE_HEADER, lengthOf: idxImagesLength };
const IDX_LABELS: SizedFormat = { headerBytes: LABEL_HEADER, lengthOf: idxLabelsLength };

function checkLength(bytes: Uint8Array, expected: number, file: string): void {
  if (bytes.length !== expected) {
    throw new DatasetError(
      bytes.length < expected
        ? 'is truncated: it ends before the length its header says'
        : 'holds more bytes than its header says',
      { file, field: 'length' },
    );
  }
}

/** Parses a whole IDX image file (magic 0x803): the header is checked against the byte length before copying. */
export function parseIdxImages(
  bytes: Uint8Array,
  file: string,
): { images: Uint8Array; count: number; rows: number; cols: number } {
  checkLength(bytes, idxImagesLength(bytes.subarray(0, IMAGE_HEADER), file), file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A plain copy: a Buffer view would pin (and, when pooled, expose) the whole read buffer.
  return {
    images: new Uint8Array(bytes.subarray(IMAGE_HEADER)),
    count: view.getUint32(4),
    rows: view.getUint32(8),
    cols: view.getUint32(12),
  };
}

/** Parses a whole IDX label file (magic 0x801); every label must be a class index below `classCount`. */
export function parseIdxLabels(bytes: Uint8Array, file: string, classCount = MAX_IDX_CLASSES): Uint8Array {
  checkLength(bytes, idxLabelsLength(bytes.subarray(0, LABEL_HEADER), file), file);
  const labels = new Uint8Array(bytes.subarray(LABEL_HEADER));
  const bad = labels.findIndex((label) => label >= classCount);
  if (bad >= 0) {
    throw new DatasetError(`the label at offset ${LABEL_HEADER + bad} must be below ${classCount}`, {
      file,
      field: `label[${bad}]`,
    });
  }
  return labels;
}

function checkDim(value: number, field: string, max: number, file: string): void {
  if (value < 1 || value > max) {
    throw new DatasetError(`${field} must be 1..${max}`, { file, field });
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
  const images = parseIdxImages(await readSizedFile(imagesFile, IDX_IMAGES), imagesFile);
  const labels = parseIdxLabels(await readSizedFile(labelsFile, IDX_LABELS), labelsFile);
  if (labels.length !== images.count) {
    throw new DatasetError('its label count must equal the image count of its images file', {
      file: labelsFile,
      field: 'count',
    });
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
    throw new DatasetError('test images must have the same rows and columns as the train images', {
      file: files.test?.[0],
      field: 'rows',
    });
  }
  return { train, test };
}
