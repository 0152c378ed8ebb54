import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BACKUPS } from '../../core/ipc/backupContract';
import { createBackupStore } from './backups';
import type { HostContext } from './context';
import { dispatchCall } from './dispatch';
import { createCallHandlers, type CallHandlers } from './handlers';
import { createRecentFiles } from './recentFiles';
import { makeTempDir } from './testing';
import { createWorkspaceFiles } from './workspaceFiles';

describe('hot-exit backups', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let handlers: CallHandlers;
  let backupsDir: string;

  beforeEach(async () => {
    dir = await makeTempDir('backups');
    const dataDir = join(dir.path, 'data');
    backupsDir = join(dataDir, 'backups');
    const ctx: HostContext = {
      host: 'web',
      version: '0.0.0-test',
      files: await createWorkspaceFiles(join(dir.path, 'ws')),
      recent: createRecentFiles(dataDir),
      backups: createBackupStore(dataDir),
    };
    handlers = createCallHandlers(ctx);
  });
  afterEach(() => dir.dispose());

  const call = (channel: string, payload: unknown) => dispatchCall(handlers, channel, payload);

  it('writes <dataDir>/backups/<key>.json, lists it back and discards it', async () => {
    expect(await call('backup.write', { key: 'session-1', text: '{"a":1}' })).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(await readFile(join(backupsDir, 'session-1.json'), 'utf8')).toBe('{"a":1}');
    const listed = await call('backup.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ key: 'session-1', text: '{"a":1}' }] });
    const savedAt = listed.ok ? (listed.value as { savedAt: string }[])[0]?.savedAt : undefined;
    expect(Number.isNaN(Date.parse(savedAt ?? ''))).toBe(false);

    expect(await call('backup.discard', { key: 'session-1' })).toMatchObject({ ok: true });
    expect(await readdir(backupsDir)).toEqual([]);
    // Discarding twice (a save after a discard) is not an error.
    expect(await call('backup.discard', { key: 'session-1' })).toMatchObject({ ok: true });
  });

  it('lists newest first and keeps at most MAX_BACKUPS files', async () => {
    for (let i = 0; i < MAX_BACKUPS + 2; i++) {
      await call('backup.write', { key: `k${i}`, text: String(i) });
      // mtimes one second apart, so the order is certain without waiting
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      await utimes(join(backupsDir, `k${i}.json`), at, at);
    }
    await call('backup.write', { key: 'k0', text: 'newest' });
    const listed = await call('backup.list', {});
    expect(listed.ok).toBe(true);
    const keys = listed.ok ? (listed.value as { key: string }[]).map((e) => e.key) : [];
    expect(keys[0]).toBe('k0');
    expect(keys).toHaveLength(MAX_BACKUPS);
    expect((await readdir(backupsDir)).filter((n) => n.endsWith('.json'))).toHaveLength(MAX_BACKUPS);
  });

  it.each([['../escape'], ['a/b'], ['a.b'], [''], ['x'.repeat(65)], [7]])(
    'refuses the key %j with a typed error',
    async (key) => {
      expect(await call('backup.write', { key, text: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'bad-request', field: 'key' },
      });
      expect(await call('backup.discard', { key })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    },
  );

  it('skips files that are not backups and never lists an oversized one', async () => {
    await mkdir(backupsDir, { recursive: true });
    await writeFile(join(backupsDir, 'notes.txt'), 'x');
    await writeFile(join(backupsDir, '.hidden.json'), 'x');
    await call('backup.write', { key: 'good', text: '{}' });
    const listed = await call('backup.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ key: 'good' }] });
    expect(listed.ok && (listed.value as unknown[]).length).toBe(1);
  });

  it('answers unsupported (write) and empty (list) when the host keeps no backups', async () => {
    const bare = createCallHandlers({
      host: 'web',
      version: '0',
      files: await createWorkspaceFiles(join(dir.path, 'ws2')),
      recent: createRecentFiles(join(dir.path, 'data2')),
    });
    expect(await dispatchCall(bare, 'backup.write', { key: 'a', text: '' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
    expect(await dispatchCall(bare, 'backup.list', {})).toEqual({ ok: true, value: [] });
  });
});
