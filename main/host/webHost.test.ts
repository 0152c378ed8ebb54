import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { makeTempDir } from '../services/testing';
import { startWebHost, type WebHost } from './webHost';

type Frame = { id?: unknown; ok?: boolean; value?: unknown; error?: { code: string; field?: string } };

function rawGet(port: number, path: string, hostHeader?: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const headers = hostHeader ? { host: hostHeader } : {};
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    })
      .on('error', fail)
      .end();
  });
}

/** Opens a socket and resolves with the HTTP status when the upgrade is refused, or 101 when accepted. */
function upgradeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolveStatus) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('open', () => {
      ws.close();
      resolveStatus(101);
    });
    ws.on('unexpected-response', (_req, res) => resolveStatus(res.statusCode ?? 0));
    ws.on('error', () => resolveStatus(-1));
  });
}

describe('web host', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let host: WebHost;
  let socket: WebSocket;
  const frames: Frame[] = [];
  const waiters: Array<(frame: Frame) => void> = [];
  const next = (): Promise<Frame> =>
    new Promise((resolveFrame) => {
      const frame = frames.shift();
      if (frame) resolveFrame(frame);
      else waiters.push(resolveFrame);
    });

  beforeAll(async () => {
    dir = await makeTempDir('host');
    const rendererDir = join(dir.path, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Deepwire</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir.path, 'secret.txt'), 'secret');
    host = await startWebHost({
      port: 0,
      workspace: join(dir.path, 'ws'),
      dataDir: join(dir.path, 'data'),
      rendererDir,
      log: () => undefined,
    });
    socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: host.origin });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      const waiter = waiters.shift();
      if (waiter) waiter(frame);
      else frames.push(frame);
    });
    await new Promise((resolveOpen) => socket.once('open', resolveOpen));
  });
  afterAll(async () => {
    socket.close();
    await host.close();
    await dir.dispose();
  });

  it('prints a loopback URL with a 32-byte token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
  });

  it('serves the renderer with CSP and nosniff', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Deepwire</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${host.origin}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
  });

  it('falls back to index.html only for extensionless routes', async () => {
    expect((await fetch(`${host.origin}/some/route`)).status).toBe(200);
    expect((await fetch(`${host.origin}/missing.js`)).status).toBe(404);
  });

  // Raw requests: fetch would normalise the dots away before they reach the server.
  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/index.html%00.js',
  ])('refuses the traversal %s', async (path) => {
    const response = await rawGet(host.port, path);
    expect([400, 403]).toContain(response.status);
    expect(response.body).not.toContain('secret');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await rawGet(host.port, '/', 'evil.example')).status).toBe(421);
  });

  it('refuses sockets without the token, with a wrong token, or from another origin', async () => {
    const base = `ws://127.0.0.1:${host.port}/ws`;
    expect(await upgradeStatus(base, host.origin)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${'A'.repeat(43)}`, host.origin)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${host.token}`, 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(`${base}?token=${host.token}`, undefined)).toBe(403);
    expect(await upgradeStatus(`${base}?token=${host.token}`, host.origin)).toBe(101);
  });

  it('accepts the page from either loopback name it serves, and no other origin', async () => {
    const url = `ws://127.0.0.1:${host.port}/ws?token=${host.token}`;
    expect(await upgradeStatus(url, `http://localhost:${host.port}`)).toBe(101);
    expect(await upgradeStatus(url, `http://127.0.0.1:${host.port}`)).toBe(101);
    for (const origin of [
      `http://evil.localhost:${host.port}`,
      `http://127.0.0.2:${host.port}`,
      `http://[::1]:${host.port}`, // the host listens on 127.0.0.1 only
      `https://localhost:${host.port}`,
      `http://localhost:${host.port + 1}`,
      'http://localhost',
      `http://localhost:${host.port}.evil.example`,
      'null',
    ]) {
      expect(await upgradeStatus(url, origin), origin).toBe(403);
    }
    const csp = (await fetch(`${host.origin}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`ws://localhost:${host.port}`);
  });

  it('answers calls and keeps the connection after malformed frames', async () => {
    socket.send('not json');
    expect(await next()).toMatchObject({ id: null, ok: false, error: { code: 'bad-request' } });
    socket.send(JSON.stringify({ channel: 'app.info' }));
    expect(await next()).toMatchObject({ id: null, ok: false });
    socket.send(JSON.stringify({ id: 1, channel: 'nope', payload: {} }));
    expect(await next()).toMatchObject({ id: 1, ok: false, error: { field: 'channel' } });
    socket.send(JSON.stringify({ id: 2, channel: 'app.info', payload: {} }));
    expect(await next()).toEqual({
      id: 2,
      ok: true,
      value: { version: expect.any(String), host: 'web', nativeDialogs: false, workspace: host.workspace },
    });
    socket.send(
      JSON.stringify({ id: 'w', channel: 'file.write', payload: { fileId: '../x.json', text: '{}' } }),
    );
    expect(await next()).toMatchObject({ id: 'w', ok: false, error: { code: 'forbidden' } });
  });

  it('broadcasts events to connected browsers', async () => {
    host.broadcast('menu.action', { action: 'file.save' });
    expect(await next()).toEqual({ event: 'menu.action', payload: { action: 'file.save' } });
  });
});
