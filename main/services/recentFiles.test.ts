import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecentFiles, RECENT_LIMIT } from './recentFiles';
import { makeTempDir } from './testing';

describe('recent files', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir('recent');
  });
  afterEach(() => dir.dispose());

  it('keeps the most recent first, without duplicates, capped', async () => {
    const recent = createRecentFiles(dir.path);
    for (let i = 0; i < RECENT_LIMIT + 3; i++) void recent.add(`/f/${i}.json`);
    await recent.add('/f/5.json');
    const list = await recent.list();
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]).toBe('/f/5.json');
    expect(list[1]).toBe(`/f/${RECENT_LIMIT + 2}.json`);
    expect(new Set(list).size).toBe(list.length);
    // persisted: a fresh instance sees the same list
    expect(await createRecentFiles(dir.path).list()).toEqual(list);
    expect(JSON.parse(await readFile(join(dir.path, 'recent-files.json'), 'utf8')).version).toBe(1);
  });

  it('reads a damaged file as an empty list', async () => {
    await writeFile(join(dir.path, 'recent-files.json'), '{not json');
    expect(await createRecentFiles(dir.path).list()).toEqual([]);
  });
});
