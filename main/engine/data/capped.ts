import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fileSize } from './files';
import { DATA_LIMITS, DatasetError } from './types';

/**
 * How a length-prefixed binary format says its own size: the first
 * `headerBytes` bytes (fewer when the file is shorter) decide the exact
 * length the whole file must have, or throw a DatasetError.
 */
export interface SizedFormat {
  headerBytes: number;
  lengthOf(header: Uint8Array, file: string): number;
}

/**
 * Reads `source` (chunks of a file, decompressed or not) into one buffer of
 * exactly the length its header claims. It stops pulling as soon as the data
 * runs past that length, so a gzip bomb costs at most the claimed size plus
 * one chunk, never its decompressed size.
 */
export async function readSized(
  source: AsyncIterable<Uint8Array>,
  file: string,
  format: SizedFormat,
): Promise<Uint8Array> {
  const header = new Uint8Array(format.headerBytes);
  let headerFill = 0;
  let out: Uint8Array | null = null;
  let filled = 0;
  const claim = (): Uint8Array => {
    const length = format.lengthOf(header.subarray(0, headerFill), file);
    const buffer = new Uint8Array(length);
    buffer.set(header.subarray(0, headerFill));
    filled = headerFill;
    return buffer;
  };
  for await (const chunk of source) {
    let offset = 0;
    if (!out) {
      const take = Math.min(format.headerBytes - headerFill, chunk.length);
      header.set(chunk.subarray(0, take), headerFill);
      headerFill += take;
      offset = take;
      if (headerFill < format.headerBytes) continue;
      out = claim();
    }
    const rest = chunk.length - offset;
    if (filled + rest > out.length) {
      // Leaving the loop closes the source: nothing past the claimed size is decompressed.
      throw new DatasetError('holds more bytes than its header says', {
        file,
        field: 'length',
      });
    }
    out.set(chunk.subarray(offset), filled);
    filled += rest;
  }
  out ??= claim();
  if (filled < out.length) {
    throw new DatasetError('is truncated: it ends before the length its header says', {
      file,
      field: 'length',
    });
  }
  return out;
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Reads a sized file, gunzipping it as a stream when it starts with the gzip magic (1f 8b), whatever its name. */
export async function readSizedFile(file: string, format: SizedFormat): Promise<Uint8Array> {
  const size = fileSize(file);
  if (size > DATA_LIMITS.maxCompressedFileBytes) {
    throw new DatasetError(`is larger than the ${DATA_LIMITS.maxCompressedFileBytes} bytes allowed`, {
      file,
    });
  }
  const gzip = await startsWithGzipMagic(file).catch(() => {
    throw new DatasetError('cannot be read (missing or no permission)', { file });
  });
  const raw = createReadStream(file);
  // pipeline forwards a read error to the gunzip stream and destroys both on failure.
  const source: Readable = gzip ? pipeline(raw, createGunzip(), () => undefined) : raw;
  try {
    return await readSized(source, file, format);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw gzip
      ? new DatasetError('gzip data is damaged', { file, field: 'gzip' })
      : new DatasetError('cannot be read', { file });
  } finally {
    source.destroy();
    raw.destroy();
  }
}
