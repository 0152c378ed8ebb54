import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomicWrite';
import type { HostContext } from './context';
import { dispatchCall } from './dispatch';
import { createCallHandlers } from './handlers';
import { createRecentFiles } from './recentFiles';
import { makeTempDir } from './testing';
import { createWorkspaceFiles } from './workspaceFiles';

function errnoError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/**
 * A disk that fails part-way: the temp file is really created and written
 * (so the real atomic path runs), then the write fails like a full disk or a
 * revoked permission would.
 */
function failingDisk(code: string) {
  return async (path: string, text: string) => {
    await writeFileAtomic(`${path}.probe`, text.slice(0, 10));
    throw errnoError(code);
  };
}

describe('file.write when the disk is full or permission is denied', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let ws: string;
  let base: HostContext;

  beforeEach(async () => {
    dir = await makeTempDir('save-failure');
    ws = join(dir.path, 'ws');
    base = {
      host: 'web',
      version: '0.0.0-test',
      files: await createWorkspaceFiles(ws),
      recent: createRecentFiles(join(dir.path, 'data')),
    };
    await writeFile(join(ws, 'net.deepwire.json'), '{"old":true}');
  });
  afterEach(async () => {
    await chmod(ws, 0o755).catch(() => undefined);
    await dir.dispose();
  });

  it.each([
    ['ENOSPC', /disk is full/],
    ['EACCES', /Permission denied/],
    ['EROFS', /read-only/],
  ])('%s → a clear io error naming the file; the old file is intact', async (code, says) => {
    const handlers = createCallHandlers({ ...base, writeText: failingDisk(code) });
    const result = await dispatchCall(handlers, 'file.write', {
      fileId: 'net.deepwire.json',
      text: '{"new":1}',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'io' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('“net.deepwire.json”');
    expect(message).toMatch(says);
    expect(message).not.toContain(dir.path); // names the file, never the folder
    expect(await readFile(join(ws, 'net.deepwire.json'), 'utf8')).toBe('{"old":true}');
    // Nothing half-written is left beside it by the real write path either.
    expect((await readdir(ws)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a real read-only folder gives EACCES as io with the file name', async (ctx) => {
    if (process.getuid?.() === 0) {
      // Root writes through folder permissions; the mocked EACCES above still covers the mapping.
      console.warn('skipped: running as root, which a read-only folder cannot refuse');
      ctx.skip();
      return;
    }
    const handlers = createCallHandlers(base);
    await chmod(ws, 0o555);
    const result = await dispatchCall(handlers, 'file.write', { fileId: 'net.deepwire.json', text: '{}' });
    expect(result).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(result.ok ? '' : result.error.message).toContain('net.deepwire.json');
    expect(await readFile(join(ws, 'net.deepwire.json'), 'utf8')).toBe('{"old":true}');
  });
});
