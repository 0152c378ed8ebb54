import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';
import { expect, test } from './fixtures';

/** Raw GET so the path reaches the server exactly as written (no client-side dot normalising). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolveGet, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolveStatus) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolveStatus(101);
    });
    ws.on('unexpected-response', (_req, res) => resolveStatus(res.statusCode ?? 0));
    ws.on('error', () => resolveStatus(-1));
  });
}

test.describe('web host security', () => {
  test('the WebSocket needs the token and our own Origin', async ({ webHost }) => {
    const ws = `ws://127.0.0.1:${webHost.port}/ws`;
    expect(await upgradeStatus(ws, webHost.origin)).toBe(401);
    expect(await upgradeStatus(`${ws}?token=wrong`, webHost.origin)).toBe(401);
    expect(await upgradeStatus(`${ws}?token=${webHost.token}`, 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(`${ws}?token=${webHost.token}`, webHost.origin)).toBe(101);
  });

  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
  ]) {
    test(`static files refuse the traversal ${path}`, async ({ webHost }) => {
      const response = await rawGet(webHost.port, path);
      expect([400, 403]).toContain(response.status);
      expect(response.body).not.toContain('"name": "deepwire"');
    });
  }

  test('the page is served with a strict CSP', async ({ request, webHost }) => {
    const response = await request.get(`${webHost.origin}/`);
    expect(response.ok()).toBe(true);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
  });
});

test.describe('web host page', () => {
  test('loads the editor, connects and hides the token from the address bar', async ({ page }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect(page.getByText(/Not connected to the Deepwire host/)).toHaveCount(0);
    const host = await page.evaluate(() => typeof window.deepwire);
    expect(host).toBe('undefined');
  });

  test('a page opened without the token says so and still edits', async ({ browser, webHost }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${webHost.origin}/`);
    await expect(page.getByTestId('app-ready')).toBeVisible();
    await expect(page.getByText(/No access token/)).toBeVisible();
    await context.close();
  });
});
