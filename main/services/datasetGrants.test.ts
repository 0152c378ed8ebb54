import { mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatasetGrants, GRANT_LIMIT } from './datasetGrants';
import { makeTempDir } from './testing';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => (tmp = await makeTempDir('grants')));
afterEach(() => tmp.dispose());

describe('dataset grants', () => {
  it('stores the real path of a pick, so swapping a symlink later cannot widen the grant', async () => {
    const base = await realpath(tmp.path);
    await mkdir(join(base, 'pets'));
    await symlink(join(base, 'pets'), join(base, 'alias'));
    const grants = createDatasetGrants(join(base, 'data'));
    expect(await grants.add(join(base, 'alias'))).toBe(join(base, 'pets'));
    const stored = JSON.parse(await readFile(join(base, 'data', 'dataset-grants.json'), 'utf8'));
    expect(stored).toEqual({ version: 1, paths: [join(base, 'pets')] });
  });

  it(`keeps the newest ${GRANT_LIMIT}, without duplicates`, async () => {
    const grants = createDatasetGrants(join(tmp.path, 'data'));
    for (let i = 0; i <= GRANT_LIMIT; i++) {
      await mkdir(join(tmp.path, `d${i}`));
      await grants.add(join(tmp.path, `d${i}`));
    }
    await grants.add(join(tmp.path, 'd5'));
    const list = await grants.list();
    expect(list).toHaveLength(GRANT_LIMIT);
    expect(list[0]).toMatch(/d5$/);
    expect(new Set(list).size).toBe(GRANT_LIMIT);
  });

  it('reads a damaged or hand-edited file as no grants', async () => {
    const data = join(tmp.path, 'data');
    await mkdir(data);
    for (const text of ['{', '{"version":1,"paths":["relative/dir"]}', '{"version":2,"paths":[]}']) {
      await writeFile(join(data, 'dataset-grants.json'), text);
      expect(await createDatasetGrants(data).list()).toEqual([]);
    }
  });
});
