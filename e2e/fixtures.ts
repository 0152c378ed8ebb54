import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startWebHost, type WebHost } from '../main/host/webHost';

type WorkerFixtures = {
  /** The web host for this worker, in-process on a free port, over a fresh temp workspace. */
  webHost: WebHost;
};

type TestFixtures = {
  /** Absolute path of the host's workspace folder (files saved from the page land here). */
  workspace: string;
  /** The printed URL, token included. */
  appUrl: string;
};

/**
 * e2e tests import `test` and `expect` from here: `page` is already on the
 * editor served by the web host, waiting until `[data-testid=app-ready]`.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  webHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const root = await mkdtemp(join(tmpdir(), 'deepwire-e2e-'));
      const host = await startWebHost({
        port: 0,
        workspace: join(root, 'workspace'),
        dataDir: join(root, 'data'),
        log: (line) => process.stdout.write(`${line}\n`),
      });
      await use(host);
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  workspace: async ({ webHost }, use) => use(webHost.workspace),
  appUrl: async ({ webHost }, use) => use(webHost.url),
  page: async ({ page, webHost }, use) => {
    // Uncaught page errors are failures, not noise.
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    // Hot-exit backups left by an earlier test on this worker's host would be offered back to this one.
    await rm(join(webHost.dataDir, 'backups'), { recursive: true, force: true });
    await page.goto(webHost.url);
    await expect(page.getByTestId('app-ready')).toBeVisible();
    await use(page);
    expect(errors, `uncaught errors in the page: ${errors.map((e) => e.message).join('; ')}`).toEqual([]);
  },
});

export { expect };
