import { readFile } from 'node:fs/promises';
import { fileSize } from './files';
import { DATA_LIMITS, DatasetError, imageSize, type ImageShape, type Samples } from './types';

/** Below V8's longest string (about 512 MiB), so the text can be read in one piece. */
const MAX_CSV_BYTES = 480 * 1024 * 1024;

/** Square gray (n = s²) or square RGB (n = 3s²) for a row of n pixels; null when neither fits. */
export function inferCsvShape(pixels: number): ImageShape | null {
  if (!Number.isInteger(pixels) || pixels < 1) return null;
  const gray = Math.round(Math.sqrt(pixels));
  if (gray * gray === pixels) return [gray, gray, 1];
  const rgb = Math.round(Math.sqrt(pixels / 3));
  if (rgb * rgb * 3 === pixels) return [rgb, rgb, 3];
  return null;
}

/**
 * Parses `label,p0,p1,…` lines (pixels 0..255, HWC order). A first line whose
 * label is not a number is taken as a header. Blank lines are skipped. Class
 * names are the label numbers 0..max.
 */
export function parseCsv(
  text: string,
  file: string,
  shape?: ImageShape,
): { classes: string[]; train: Samples } {
  const lines = text.split(/\r?\n/);
  let first = 0;
  const header = lines[0]?.split(',')[0]?.trim() ?? '';
  if (header !== '' && !/^\d+$/.test(header)) first = 1;
  const rows = lines.length - first;
  if (shape) checkShape(shape, file);
  let resolved = shape ?? null;
  let images: Uint8Array = new Uint8Array(0);
  const labels: number[] = [];
  for (let index = first; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    const lineNo = index + 1;
    const cells = line.split(',');
    if (!resolved) {
      resolved = inferCsvShape(cells.length - 1);
      if (!resolved) {
        throw new DatasetError(
          `line ${lineNo}: expected a label then the pixels of a square gray (s²) or RGB (3s²) image; give the shape otherwise`,
          { file, field: `line ${lineNo}` },
        );
      }
      images = allocate(rows * imageSize(resolved), file);
    }
    const size = imageSize(resolved);
    if (cells.length !== size + 1) {
      throw new DatasetError(`line ${lineNo}: expected a label then ${size} pixels (${resolved.join('×')})`, {
        file,
        field: `line ${lineNo}`,
      });
    }
    const label = parseByte(cells[0]!, DATA_LIMITS.maxClasses - 1);
    if (label === null) {
      throw new DatasetError(
        `line ${lineNo}: expected a label (column 1) that is a whole number 0..${DATA_LIMITS.maxClasses - 1}`,
        {
          file,
          field: `line ${lineNo} label`,
        },
      );
    }
    const at = labels.length * size;
    for (let p = 0; p < size; p++) {
      const value = parseByte(cells[p + 1]!, 255);
      if (value === null) {
        throw new DatasetError(
          `line ${lineNo}: expected pixel ${p} (column ${p + 2}) to be a whole number 0..255`,
          {
            file,
            field: `line ${lineNo} column ${p + 2}`,
          },
        );
      }
      images[at + p] = value;
    }
    labels.push(label);
  }
  if (!resolved || labels.length === 0) throw new DatasetError('holds no data rows', { file, field: 'rows' });
  const classCount = labels.reduce((max, label) => Math.max(max, label), 0) + 1;
  return {
    classes: Array.from({ length: classCount }, (_, i) => String(i)),
    train: {
      images: images.slice(0, labels.length * imageSize(resolved)),
      labels: Uint8Array.from(labels),
      count: labels.length,
      shape: resolved,
    },
  };
}

function checkShape(shape: ImageShape, file: string): void {
  const [height, width, channels] = shape;
  const sideOk = (side: number): boolean =>
    Number.isInteger(side) && side >= 1 && side <= DATA_LIMITS.maxSide;
  if (!sideOk(height) || !sideOk(width) || !Number.isInteger(channels) || channels < 1 || channels > 4) {
    throw new DatasetError(
      `image shape ${shape.join('×')} is not H×W×C with sides 1..${DATA_LIMITS.maxSide}, C 1..4`,
      {
        file,
        field: 'shape',
      },
    );
  }
}

function parseByte(text: string, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= max ? value : null;
}

function allocate(bytes: number, file: string): Uint8Array {
  if (bytes > DATA_LIMITS.maxImageBytes) {
    throw new DatasetError(`would need ${bytes} bytes of pixels, more than ${DATA_LIMITS.maxImageBytes}`, {
      file,
      field: 'size',
    });
  }
  return new Uint8Array(bytes);
}

export async function loadCsv(
  file: string,
  shape?: ImageShape,
): Promise<{ classes: string[]; train: Samples }> {
  const size = fileSize(file);
  if (size > MAX_CSV_BYTES) {
    throw new DatasetError(
      `is ${size} bytes, more than the ${MAX_CSV_BYTES} a CSV may have (use IDX or a folder)`,
      {
        file,
      },
    );
  }
  return parseCsv(await readFile(file, 'utf8'), file, shape);
}
