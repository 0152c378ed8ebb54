import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedCount, ImportError } from './errors';

type H5 = typeof import('h5wasm').default;
type H5File = InstanceType<H5['File']>;

let ready: Promise<H5> | undefined;
async function h5(): Promise<H5> {
  ready ??= import('h5wasm/node').then(async (m) => {
    await m.default.ready;
    return m.default;
  });
  return ready;
}

export type H5Dataset = { path: string; shape: number[]; read(): Float32Array };

/**
 * Opens HDF5 bytes and hands `use` the datasets under `root` (shapes known
 * from metadata; values read only on demand, after the caller's checks).
 */
export async function withH5<T>(
  bytes: Uint8Array,
  what: string,
  use: (list: (group: string) => H5Dataset[]) => T,
): Promise<T> {
  const lib = await h5();
  const scratch = await mkdtemp(join(tmpdir(), 'deepwire-import-h5-'));
  const path = join(scratch, 'weights.h5');
  let file: H5File | undefined;
  try {
    await writeFile(path, bytes);
    try {
      file = new lib.File(path, 'r');
      file.keys();
    } catch {
      throw new ImportError(`${what} is not a readable HDF5 file (truncated or damaged?)`);
    }
    const opened = file;
    const list = (group: string): H5Dataset[] => {
      const g = opened.get(group);
      if (!g || !(g instanceof lib.Group)) return [];
      const keys = g
        .keys()
        .filter((k) => /^\d+$/.test(k))
        .sort((a, b) => Number(a) - Number(b));
      return keys.map((k) => {
        const full = `${group}/${k}`;
        const d = opened.get(full);
        if (!d || !(d instanceof lib.Dataset)) throw new ImportError(`${what}: ${full} is not a dataset`);
        const shape = d.shape ?? [];
        checkedCount(shape, `${what}: ${full}`);
        if (d.dtype !== '<f' && d.dtype !== '<d')
          throw new ImportError(`${what}: ${full} is ${String(d.dtype)}, not float`);
        return {
          path: full,
          shape,
          read: () => {
            const value = d.value;
            if (!(value instanceof Float32Array) && !(value instanceof Float64Array))
              throw new ImportError(`${what}: ${full} could not be read as floats`);
            return value instanceof Float32Array ? value : Float32Array.from(value);
          },
        };
      });
    };
    return use(list);
  } finally {
    try {
      file?.close();
    } catch {
      // closing a file that failed to open
    }
    await rm(scratch, { recursive: true, force: true });
  }
}
