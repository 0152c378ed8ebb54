import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LIST_ENTRIES } from '../../core/ipc/contract';
import { makeTempDir } from './testing';
import { createWorkspaceFiles } from './workspaceFiles';
import { listFolder } from './workspaceListing';

const LINKS = 20_000;
const name = (i: number): string => `f${String(i).padStart(5, '0')}.json`;

describe('folder listing', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let folder: string;

  beforeAll(async () => {
    dir = await makeTempDir('listing');
    folder = join(dir.path, 'ws', 'crowded');
    await mkdir(join(folder, 'zz-folder'), { recursive: true });
    await writeFile(join(dir.path, 'ws', 'target.json'), '{}');
    // Links are the entries that need a check: 20,000 of them, all inside the workspace.
    for (let i = 0; i < LINKS; i += 500) {
      await Promise.all(
        Array.from({ length: 500 }, (_, k) => symlink('../target.json', join(folder, name(i + k)))),
      );
    }
    await symlink(join(dir.path, 'ws'), join(folder, 'a-linked-folder'));
  });
  afterAll(() => dir.dispose());

  it('cuts at MAX_LIST_ENTRIES before checking entries: 20,000 links cost at most 10,000 checks', async () => {
    let checks = 0;
    const listing = await listFolder(folder, async () => {
      checks++;
      return 'file';
    });
    expect(checks).toBeLessThanOrEqual(MAX_LIST_ENTRIES);
    expect(listing.truncated).toBe(true);
    expect(listing.entries).toHaveLength(MAX_LIST_ENTRIES);
    expect(listing.entries[0]).toEqual({ name: 'zz-folder', kind: 'directory' });
  });

  it('lists through the workspace: folders first (a link to a folder too), cut and marked', async () => {
    const files = await createWorkspaceFiles(join(dir.path, 'ws'));
    const listing = await files.list!('crowded');
    expect(listing.truncated).toBe(true);
    expect(listing.entries).toHaveLength(MAX_LIST_ENTRIES);
    expect(listing.entries.slice(0, 3)).toEqual([
      { name: 'a-linked-folder', fileId: 'crowded/a-linked-folder', kind: 'directory' },
      { name: 'zz-folder', fileId: 'crowded/zz-folder', kind: 'directory' },
      { name: name(0), fileId: `crowded/${name(0)}`, kind: 'file' },
    ]);
  });
});
