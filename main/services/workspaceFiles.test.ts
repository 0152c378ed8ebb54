import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LIST_ENTRIES } from '../../core/ipc/contract';
import { makeTempDir } from './testing';
import { createWorkspaceFiles } from './workspaceFiles';

describe('workspace file confinement', () => {
  let base: Awaited<ReturnType<typeof makeTempDir>>;
  let files: Awaited<ReturnType<typeof createWorkspaceFiles>>;

  beforeEach(async () => {
    base = await makeTempDir('ws');
    // A sibling whose name extends the root's: a naive prefix check would let it through.
    await mkdir(join(base.path, 'space-evil'), { recursive: true });
    await writeFile(join(base.path, 'space-evil', 'secret.json'), 'secret');
    await writeFile(join(base.path, 'outside.json'), 'outside');
    files = await createWorkspaceFiles(join(base.path, 'space'));
    await mkdir(join(files.root, 'nets'));
    await writeFile(join(files.root, 'nets', 'a.json'), 'a');
  });
  afterEach(() => base.dispose());

  it('resolves ids inside the workspace', async () => {
    expect(await files.pathForRead('nets/a.json')).toBe(join(files.root, 'nets', 'a.json'));
    expect(await files.pathForWrite('nets/b.json')).toBe(join(files.root, 'nets', 'b.json'));
    expect(files.idFor(join(files.root, 'nets', 'a.json'))).toBe('nets/a.json');
  });

  it.each([
    ['../outside.json'],
    ['nets/../../outside.json'],
    ['../space-evil/secret.json'],
    ['/etc/passwd'],
    ['C:/Windows/win.ini'],
    ['nets\\..\\..\\outside.json'],
    ['nets/a.json\0.png'],
  ])('refuses %j as forbidden naming the field', async (fileId) => {
    await expect(files.pathForRead(fileId)).rejects.toMatchObject({ code: 'forbidden', field: 'fileId' });
    await expect(files.pathForWrite(fileId)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses symlinks that lead out of the workspace, for reading and writing', async () => {
    await symlink(join(base.path, 'outside.json'), join(files.root, 'link.json'));
    await symlink(base.path, join(files.root, 'up'));
    await expect(files.pathForRead('link.json')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(files.pathForWrite('link.json')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(files.pathForWrite('up/new.json')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('does not address paths outside the root', () => {
    expect(files.idFor(join(base.path, 'outside.json'))).toBeUndefined();
    expect(files.idFor(join(base.path, 'space-evil', 'secret.json'))).toBeUndefined();
  });

  it('lists folders first, hides dotfiles and links out', async () => {
    await writeFile(join(files.root, '.hidden'), '');
    await writeFile(join(files.root, 'z.json'), '');
    await symlink(join(base.path, 'outside.json'), join(files.root, 'out.json'));
    const listing = await files.list?.(undefined);
    expect(listing).toEqual({
      dir: '.',
      parent: null,
      entries: [
        { name: 'nets', fileId: 'nets', kind: 'directory' },
        { name: 'z.json', fileId: 'z.json', kind: 'file' },
      ],
    });
    expect((await files.list?.('nets'))?.parent).toBe('.');
  });

  it('lists at most MAX_LIST_ENTRIES entries, folders first, and says the listing was cut', async () => {
    const crowded = join(files.root, 'crowded');
    await mkdir(join(crowded, 'zz-folder'), { recursive: true });
    await Promise.all(
      Array.from({ length: MAX_LIST_ENTRIES + 5 }, (_, i) =>
        writeFile(join(crowded, `f${String(i).padStart(6, '0')}.json`), ''),
      ),
    );
    const listing = await files.list?.('crowded');
    expect(listing?.entries).toHaveLength(MAX_LIST_ENTRIES);
    expect(listing?.truncated).toBe(true);
    expect(listing?.entries[0]).toMatchObject({ name: 'zz-folder', kind: 'directory' });
    expect((await files.list?.('nets'))?.truncated).toBeUndefined();
  });

  it('creates ids for new names and refuses names with separators', async () => {
    expect(await files.create?.('nets', 'c.deepwire.json')).toEqual({
      fileId: 'nets/c.deepwire.json',
      name: 'c.deepwire.json',
    });
    await expect(files.create?.(undefined, '../x.json')).rejects.toMatchObject({
      code: 'bad-request',
      field: 'name',
    });
    await expect(files.create?.('..', 'x.json')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it.each([['.git/config'], ['.env'], ['nets/.hidden.json'], ['.ssh/authorized_keys'], ['./.bashrc']])(
    'refuses to write the hidden path %j, naming it',
    async (fileId) => {
      await mkdir(join(files.root, '.git'));
      await writeFile(join(files.root, '.git', 'config'), '[core]');
      const shown = fileId.replace(/^\.\//, '');
      await expect(files.pathForWrite(fileId)).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining(`'${shown}'`) as unknown,
      });
    },
  );

  it('refuses writes that reach a hidden file or folder through a link, and save-as names that are hidden', async () => {
    await mkdir(join(files.root, '.git'));
    await writeFile(join(files.root, '.git', 'config'), '[core]');
    await symlink(join(files.root, '.git', 'config'), join(files.root, 'settings.json'));
    await symlink(join(files.root, '.git'), join(files.root, 'repo'));
    await expect(files.pathForWrite('settings.json')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(files.pathForWrite('repo/config')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(files.pathForWrite('repo/hooks.json')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(files.create?.(undefined, '.gitattributes')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(files.create?.('repo', 'x.json')).rejects.toMatchObject({ code: 'forbidden' });
    // A file whose name merely contains a dot is an ordinary file.
    expect(await files.pathForWrite('nets/a.v0.bak')).toBe(join(files.root, 'nets', 'a.v0.bak'));
  });
});
