import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomicWrite';
import { makeTempDir } from './testing';

describe('writeFileAtomic', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir('atomic');
  });
  afterEach(async () => {
    await chmod(dir.path, 0o755).catch(() => undefined);
    await dir.dispose();
  });

  it('replaces the content and leaves no temp files behind', async () => {
    const file = join(dir.path, 'net.deepwire.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, '{"new":true}');
    expect(await readFile(file, 'utf8')).toBe('{"new":true}');
    expect(await readdir(dir.path)).toEqual(['net.deepwire.json']);
  });

  it('queues overlapping saves of one file: the last one wins and no temp file is swept mid-write', async () => {
    const file = join(dir.path, 'busy.json');
    const texts = Array.from({ length: 8 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(200_000) }));
    await Promise.all(texts.map((text) => writeFileAtomic(file, text)));
    expect(await readFile(file, 'utf8')).toBe(texts[7]);
    expect(await readdir(dir.path)).toEqual(['busy.json']);
  });

  it('creates a file that did not exist', async () => {
    const file = join(dir.path, 'fresh.json');
    await writeFileAtomic(file, 'x'.repeat(100_000));
    expect((await readFile(file, 'utf8')).length).toBe(100_000);
  });

  it('fails on an unwritable folder and leaves the old file untouched', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; a missing folder is the portable unwritable case
      await expect(writeFileAtomic(join(dir.path, 'missing', 'f.json'), 'x')).rejects.toMatchObject({
        code: 'ENOENT',
      });
      return;
    }
    const file = join(dir.path, 'keep.json');
    await writeFile(file, 'original');
    await chmod(dir.path, 0o555);
    await expect(writeFileAtomic(file, 'replacement')).rejects.toMatchObject({ code: 'EACCES' });
    expect(await readFile(file, 'utf8')).toBe('original');
    expect(await readdir(dir.path)).toEqual(['keep.json']);
  });

  it('removes the temp file when the rename fails', async () => {
    // Renaming a file over a non-empty folder fails after the temp file was written.
    const target = join(dir.path, 'occupied');
    await mkdir(target);
    await writeFile(join(target, 'inner'), 'a');
    await expect(writeFileAtomic(target, 'text')).rejects.toBeTruthy();
    expect((await readdir(dir.path)).sort()).toEqual(['occupied']);
  });
});
