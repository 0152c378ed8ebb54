/** Why a model file could not be imported; the message names the file part or layer at fault. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Caps checked before anything is allocated from a file's declarations. */
export const IMPORT_LIMITS = {
  /** model.json, config.json, an ONNX file's size. */
  maxModelBytes: 256 * 1024 * 1024,
  maxJsonBytes: 32 * 1024 * 1024,
  /** Sum of every weight's element count. */
  maxParams: 100_000_000,
  maxLayers: 5_000,
  maxZipEntries: 64,
  maxUncompressedBytes: 512 * 1024 * 1024,
  /** A bigger inflate ratio than this on a large entry is treated as a zip bomb. */
  maxCompressionRatio: 200,
} as const;

/** Element count of a declared shape, refusing non-integers, negatives and sizes past the cap. */
export function checkedCount(shape: unknown, what: string): number {
  if (!Array.isArray(shape)) throw new ImportError(`${what}: shape is not a list`);
  let count = 1;
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0)
      throw new ImportError(`${what}: shape ${JSON.stringify(shape)} has a bad dimension`);
    count *= d;
    if (count > IMPORT_LIMITS.maxParams)
      throw new ImportError(
        `${what}: shape ${JSON.stringify(shape)} is larger than the ${IMPORT_LIMITS.maxParams.toLocaleString('en')}-parameter limit`,
      );
  }
  return count;
}
