import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_CHANNELS, type CallResponse } from '../../core/ipc/contract';
import type { HostContext } from './context';
import { dispatchCall } from './dispatch';
import { createCallHandlers, type CallHandlers } from './handlers';
import { createRecentFiles } from './recentFiles';
import { makeTempDir } from './testing';
import type { TrainingChannel } from './training';
import { createWorkspaceFiles } from './workspaceFiles';

describe('dispatchCall', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let ctx: HostContext;
  let handlers: CallHandlers;

  beforeEach(async () => {
    dir = await makeTempDir('dispatch');
    const files = await createWorkspaceFiles(join(dir.path, 'ws'));
    ctx = { host: 'web', version: '0.0.0-test', files, recent: createRecentFiles(join(dir.path, 'data')) };
    handlers = createCallHandlers(ctx);
  });
  afterEach(() => dir.dispose());

  it('has a handler for every contract channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_CHANNELS].sort());
  });

  it.each([['no.such'], [42], ['__proto__'], ['toString']])(
    'refuses the unknown channel %j',
    async (channel) => {
      expect(await dispatchCall(handlers, channel, {})).toEqual({
        ok: false,
        error: { code: 'bad-request', message: 'Unknown channel.', field: 'channel' },
      });
    },
  );

  it('names the bad field of a malformed payload', async () => {
    const result = await dispatchCall(handlers, 'file.read', { fileId: 7 });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'fileId' } });
    const extra = await dispatchCall(handlers, 'file.write', { fileId: 'a.json', text: 'x', evil: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('turns handler failures into typed errors without stacks or paths', async () => {
    const missing = await dispatchCall(handlers, 'file.read', { fileId: 'missing.json' });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'The file or folder does not exist.' },
    });
    const crashing: CallHandlers = {
      ...handlers,
      'app.info': async () => {
        throw new Error(`boom at ${dir.path}`);
      },
    };
    const result = await dispatchCall(crashing, 'app.info', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Internal error while handling app.info.' },
    });
  });

  it('refuses a handler result that breaks the response schema', async () => {
    const broken = { ...handlers, 'app.info': async () => ({ version: 1 }) } as unknown as CallHandlers;
    expect(await dispatchCall(broken, 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('writes, reads back and lists the file as recent', async () => {
    const created = await dispatchCall(handlers, 'file.create', { name: 'net.deepwire.json' });
    expect(created).toEqual({ ok: true, value: { fileId: 'net.deepwire.json', name: 'net.deepwire.json' } });
    expect(await dispatchCall(handlers, 'file.write', { fileId: 'net.deepwire.json', text: '{}' })).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(await dispatchCall(handlers, 'file.read', { fileId: 'net.deepwire.json' })).toEqual({
      ok: true,
      value: { fileId: 'net.deepwire.json', name: 'net.deepwire.json', text: '{}' },
    });
    expect(await dispatchCall(handlers, 'file.recent', {})).toEqual({
      ok: true,
      value: [{ fileId: 'net.deepwire.json', name: 'net.deepwire.json', location: 'workspace' }],
    });
  });

  it('answers training calls with unsupported until the engine is wired', async () => {
    const result = await dispatchCall(handlers, 'training.start', { document: {}, settings: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('forwards training calls to the training service when present', async () => {
    const withTraining = createCallHandlers({
      ...ctx,
      training: {
        // A fake engine: every training call starts the same run.
        handle: async <C extends TrainingChannel>() => ({ runId: 'run-1' }) as unknown as CallResponse<C>,
        onEvent: () => () => undefined,
        dispose: async () => undefined,
      },
    });
    expect(await dispatchCall(withTraining, 'training.start', { document: {}, settings: {} })).toEqual({
      ok: true,
      value: { runId: 'run-1' },
    });
  });

  it('refuses dialogs under the web host and reports app info', async () => {
    expect(await dispatchCall(handlers, 'file.openDialog', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
    expect(await dispatchCall(handlers, 'app.info', {})).toEqual({
      ok: true,
      value: { version: '0.0.0-test', host: 'web', nativeDialogs: false },
    });
  });

  it('reads through native dialogs with opaque ids (Electron)', async () => {
    const { createTokenFiles } = await import('./tokenFiles');
    const picked = join(dir.path, 'picked.json');
    await writeFile(picked, '{"a":1}');
    const electron = createCallHandlers({
      ...ctx,
      host: 'electron',
      files: createTokenFiles(),
      dialogs: { open: async () => picked, save: async () => null },
    });
    const opened = await dispatchCall(electron, 'file.openDialog', {});
    expect(opened).toMatchObject({ ok: true, value: { name: 'picked.json', text: '{"a":1}' } });
    const fileId = opened.ok ? (opened.value as { fileId: string }).fileId : '';
    expect(fileId).toMatch(/^f_[0-9a-f]{32}$/);
    expect(await dispatchCall(electron, 'file.read', { fileId: picked })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'fileId' },
    });
    expect(await dispatchCall(electron, 'file.saveDialog', { suggestedName: 'x.json' })).toEqual({
      ok: true,
      value: null,
    });
  });
});
