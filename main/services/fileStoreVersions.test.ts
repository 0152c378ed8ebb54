import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../core/graph/builder';
import { serializeDocument } from '../../core/graph/document';
import { CURRENT_VERSION } from '../../core/graph/schema';
import { openedFile } from '../../core/ipc/contract';
import type { HostContext } from './context';
import { dispatchCall } from './dispatch';
import { createCallHandlers, type CallHandlers } from './handlers';
import { createRecentFiles } from './recentFiles';
import { makeTempDir } from './testing';
import { createWorkspaceFiles } from './workspaceFiles';

/** A pre-release (v0) file as it was written then, with odd spacing so a byte-exact copy is checkable. */
const V0_TEXT =
  '{ "format": "deepwire", "version": 0, "title": "Old net",\n' +
  '  "layers": [ { "name": "in", "kind": "input", "config": { "shape": [8, 8, 1] }, "x": 0, "y": 0 },\n' +
  '              { "name": "f", "kind": "flatten", "config": {}, "x": 1, "y": 0 },\n' +
  '              { "name": "out", "kind": "output", "config": { "classes": 3 }, "x": 2, "y": 0 } ],\n' +
  '  "links": [ { "from": "in", "to": "f" }, { "from": "f", "to": "out" } ] }\n';

function currentText(name = 'Current net'): string {
  const b = new GraphBuilder(name);
  b.add('input', { height: 8, width: 8, channels: 1 }, { id: 'in' });
  b.add('flatten', {}, { id: 'f' });
  b.add('output', { classes: 3 }, { id: 'out' });
  return serializeDocument(b.build());
}

/** A newer Deepwire's file: the known structure plus a field this version does not know. */
function newerText(): string {
  const doc = JSON.parse(currentText('Future net')) as Record<string, unknown>;
  return JSON.stringify({ ...doc, version: CURRENT_VERSION + 1, futureSetting: { on: true } }, null, 2);
}

describe('document versions on disk', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let ws: string;
  let handlers: CallHandlers;

  beforeEach(async () => {
    dir = await makeTempDir('versions');
    ws = join(dir.path, 'ws');
    const ctx: HostContext = {
      host: 'web',
      version: '0.0.0-test',
      files: await createWorkspaceFiles(ws),
      recent: createRecentFiles(join(dir.path, 'data')),
    };
    handlers = createCallHandlers(ctx);
  });
  afterEach(() => dir.dispose());

  const read = (fileId: string) => dispatchCall(handlers, 'file.read', { fileId });
  const write = (fileId: string, text: string) => dispatchCall(handlers, 'file.write', { fileId, text });
  const listWorkspace = async () => (await readdir(ws)).sort();

  it('opening an older file writes a .bak of its original bytes next to it and names it', async () => {
    await writeFile(join(ws, 'old.deepwire.json'), V0_TEXT);
    const opened = await read('old.deepwire.json');
    expect(opened).toMatchObject({
      ok: true,
      value: { text: V0_TEXT, backupPath: 'workspace/old.deepwire.json.v0.bak' },
    });
    expect(await readFile(join(ws, 'old.deepwire.json.v0.bak'), 'utf8')).toBe(V0_TEXT);
    expect(await readFile(join(ws, 'old.deepwire.json'), 'utf8')).toBe(V0_TEXT);
  });

  it('a second open reuses the identical .bak instead of piling up copies', async () => {
    await writeFile(join(ws, 'old.deepwire.json'), V0_TEXT);
    await read('old.deepwire.json');
    const again = await read('old.deepwire.json');
    expect(again).toMatchObject({ ok: true, value: { backupPath: 'workspace/old.deepwire.json.v0.bak' } });
    expect(await listWorkspace()).toEqual(['old.deepwire.json', 'old.deepwire.json.v0.bak']);
  });

  it('never overwrites an existing, different .bak: it picks the next free name', async () => {
    const earlier = '{"an":"earlier backup"}';
    await writeFile(join(ws, 'old.deepwire.json'), V0_TEXT);
    await writeFile(join(ws, 'old.deepwire.json.v0.bak'), earlier);
    const opened = await read('old.deepwire.json');
    expect(opened).toMatchObject({ ok: true, value: { backupPath: 'workspace/old.deepwire.json.v0.2.bak' } });
    expect(await readFile(join(ws, 'old.deepwire.json.v0.bak'), 'utf8')).toBe(earlier);
    expect(await readFile(join(ws, 'old.deepwire.json.v0.2.bak'), 'utf8')).toBe(V0_TEXT);
  });

  it('saving over an older file never opened here still backs it up first', async () => {
    await writeFile(join(ws, 'old.deepwire.json'), V0_TEXT);
    const saved = await write('old.deepwire.json', currentText());
    expect(saved).toEqual({ ok: true, value: { ok: true } });
    expect(await readFile(join(ws, 'old.deepwire.json.v0.bak'), 'utf8')).toBe(V0_TEXT);
    expect(await readFile(join(ws, 'old.deepwire.json'), 'utf8')).toBe(currentText());
    // Now current: the next save needs no further backup.
    await write('old.deepwire.json', currentText('Renamed'));
    expect(await listWorkspace()).toEqual(['old.deepwire.json', 'old.deepwire.json.v0.bak']);
  });

  it('opens a newer file read-only with the reason, and writes nothing next to it', async () => {
    await writeFile(join(ws, 'future.deepwire.json'), newerText());
    const opened = await read('future.deepwire.json');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const value = openedFile.parse(opened.value);
    expect(value.backupPath).toBeUndefined();
    expect(value.readOnly?.reason).toContain(`version ${CURRENT_VERSION + 1}`);
    expect(value.readOnly?.reason).toContain('read-only');
    expect(await listWorkspace()).toEqual(['future.deepwire.json']);
  });

  it('refuses to save over a newer file with a typed error naming it; the file is untouched', async () => {
    const original = newerText();
    await writeFile(join(ws, 'future.deepwire.json'), original);
    const saved = await write('future.deepwire.json', currentText());
    expect(saved).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const message = saved.ok ? '' : saved.error.message;
    expect(message).toContain('future.deepwire.json');
    expect(message).toContain(`version ${CURRENT_VERSION + 1}`);
    expect(message).toContain('Save As');
    expect(await readFile(join(ws, 'future.deepwire.json'), 'utf8')).toBe(original);
    // Save As a copy under a new name is allowed.
    expect(await write('future copy.deepwire.json', currentText())).toEqual({
      ok: true,
      value: { ok: true },
    });
  });

  it('reads the version of a file saved with a UTF-8 byte-order mark: newer is kept, older is backed up', async () => {
    const original = `\uFEFF${newerText()}`;
    await writeFile(join(ws, 'future.deepwire.json'), original);
    expect(await write('future.deepwire.json', currentText())).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await readFile(join(ws, 'future.deepwire.json'), 'utf8')).toBe(original);
    await writeFile(join(ws, 'old.deepwire.json'), `\uFEFF${V0_TEXT}`);
    const opened = await read('old.deepwire.json');
    expect(opened).toMatchObject({ ok: true, value: { backupPath: 'workspace/old.deepwire.json.v0.bak' } });
  });

  it('refuses to write a hidden path (forbidden, naming it) and leaves it untouched', async () => {
    await writeFile(join(ws, '.gitconfig'), '[core]');
    const saved = await write('.gitconfig', currentText());
    expect(saved).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'fileId' } });
    expect(saved.ok ? '' : saved.error.message).toContain("'.gitconfig'");
    expect(await readFile(join(ws, '.gitconfig'), 'utf8')).toBe('[core]');
  });

  it('current-version files open with no notices and save with no backup', async () => {
    await writeFile(join(ws, 'net.deepwire.json'), currentText());
    const opened = await read('net.deepwire.json');
    expect(opened.ok && opened.value).toEqual({
      fileId: 'net.deepwire.json',
      name: 'net.deepwire.json',
      text: currentText(),
    });
    await write('net.deepwire.json', currentText('Edited'));
    expect(await listWorkspace()).toEqual(['net.deepwire.json']);
  });

  it('stops a save when the older original cannot be backed up, leaving it untouched', async () => {
    await writeFile(join(ws, 'old.deepwire.json'), V0_TEXT);
    const refusing = createCallHandlers({
      host: 'web',
      version: '0.0.0-test',
      files: await createWorkspaceFiles(ws),
      recent: createRecentFiles(join(dir.path, 'data')),
      writeText: async (path) => {
        if (path.endsWith('.bak')) throw Object.assign(new Error('EACCES: simulated'), { code: 'EACCES' });
      },
    });
    const saved = await dispatchCall(refusing, 'file.write', {
      fileId: 'old.deepwire.json',
      text: currentText(),
    });
    expect(saved).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(saved.ok ? '' : saved.error.message).toMatch(/old\.deepwire\.json.*backed up/);
    expect(await readFile(join(ws, 'old.deepwire.json'), 'utf8')).toBe(V0_TEXT);
  });
});
