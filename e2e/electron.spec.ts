import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { apiKeys } from '../core/ipc/api';
import { IPC_PREFIX } from '../core/ipc/contract';
import { findElectronBinary, PROJECT_ROOT } from '../scripts/electron-binary.mjs';
import { backupFiles, nodeIds, edit } from './pageActions';

// Checked via node_modules/electron/path.txt: require('electron') would try to download the binary now.
const binary = findElectronBinary();
const SKIP_REASON = 'Electron binary not installed (offline install): Electron e2e skipped';
if (binary === null) process.stdout.write(`${SKIP_REASON}\n`);

/** A finished run written before launch, so inspection and export have something to open. */
const RUN_ID = '20250101-000000-e2e001';

/** Written only when the app runs: importing the engine loads tfjs, which a skipped spec should not pay for. */
async function writeInspectableRun(runsDir: string): Promise<void> {
  const { writeTestRun, tinyConvNet, setLayerWeights } = await import('../main/engine/inspect/test-runs');
  const { initBackend, tf } = await import('../main/engine/backends');
  await initBackend({ force: 'cpu' });
  await writeTestRun(join(runsDir, RUN_ID), tinyConvNet(), (compiled) => {
    setLayerWeights(compiled, 'conv', [tf.fill([3, 3, 1, 2], 0.5)]);
  });
}

test.describe('Electron app', () => {
  test.skip(binary === null, SKIP_REASON);

  let app: ElectronApplication;
  let userData: string;

  test.beforeAll(async () => {
    userData = await mkdtemp(join(tmpdir(), 'deepwire-electron-'));
    const runsDir = join(userData, 'runs');
    await writeInspectableRun(runsDir);
    // ELECTRON_RUN_AS_NODE would make the binary a plain Node.
    const inherited = Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE',
    );
    // Hot-exit backups go to the profile (the data dir defaults to it); runs to the temp folder.
    const env = {
      ...Object.fromEntries(inherited),
      DEEPWIRE_USER_DATA: userData,
      DEEPWIRE_RUNS_DIR: runsDir,
    };
    app = await electron.launch({
      executablePath: binary ?? undefined,
      // Chromium refuses to run as root without this; the page's own sandbox flag is unaffected.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), PROJECT_ROOT],
      env,
    });
  });

  test.afterAll(async () => {
    // The last test leaves an unsaved graph: destroying the windows skips the leave-page question.
    await app?.evaluate(({ BrowserWindow }) => {
      for (const window of BrowserWindow.getAllWindows()) window.destroy();
    });
    await app?.close();
    await rm(userData, { recursive: true, force: true });
  });

  test('every window is isolated, sandboxed and without Node', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('app-ready')).toBeVisible();
    // getLastWebPreferences() is untyped but reports what the renderer really got, not what we asked for.
    type WithPreferences = { getLastWebPreferences(): Record<string, unknown> };
    const preferences = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) =>
        (w.webContents as unknown as WithPreferences).getLastWebPreferences(),
      ),
    );
    expect(preferences.length).toBeGreaterThan(0);
    for (const prefs of preferences) {
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        webSecurity: true,
        nodeIntegration: false,
      });
    }
  });

  test('the page sees domain verbs only, never Node or ipcRenderer', async () => {
    const page = await app.firstWindow();
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        ipcRenderer: typeof scope.ipcRenderer,
      };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
    const exposed = await page.evaluate(() =>
      Object.entries(window.deepwire ?? {})
        .flatMap(([ns, verbs]: [string, object]) => Object.keys(verbs).map((verb) => `${ns}.${verb}`))
        .sort(),
    );
    expect(exposed).toEqual(apiKeys());
    expect(await page.evaluate(() => window.deepwire?.app.info({}))).toMatchObject({ host: 'electron' });
  });

  test('an injected iframe gets no API, cannot reach the page’s, and main refuses calls from its frame', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('app-ready')).toBeVisible();
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.srcdoc = '<p>not Deepwire</p>';
      frame.dataset.testid = 'intruder';
      document.body.append(frame);
    });
    await expect.poll(() => page.frames().length).toBe(2);
    const intruder = page.frames().find((frame) => frame !== page.mainFrame());
    if (!intruder) throw new Error('the injected iframe did not attach');
    const reach = await intruder.evaluate(() => {
      const own = typeof (window as { deepwire?: unknown }).deepwire;
      try {
        const parentApi = (window.parent as unknown as { deepwire?: unknown }).deepwire;
        return { own, parent: typeof parentApi };
      } catch {
        return { own, parent: 'refused' };
      }
    });
    expect(reach).toEqual({ own: 'undefined', parent: 'refused' });

    // The preload never runs in a subframe, so drive main's real handler with the iframe's real frame.
    const answers = await app.evaluate(async ({ BrowserWindow, ipcMain }, channel) => {
      type Handler = (event: unknown, payload: unknown) => Promise<unknown>;
      const handlers = (ipcMain as unknown as { _invokeHandlers: Map<string, Handler> })._invokeHandlers;
      const handler = handlers.get(channel);
      const contents = BrowserWindow.getAllWindows()[0]?.webContents;
      const child = contents?.mainFrame.frames[0];
      if (!handler || !contents || !child) throw new Error('no handler, window or iframe');
      return {
        fromIframe: await handler({ sender: contents, senderFrame: child }, {}),
        fromTop: await handler({ sender: contents, senderFrame: contents.mainFrame }, {}),
      };
    }, `${IPC_PREFIX}app.info`);
    expect(answers.fromIframe).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Calls are accepted from the Deepwire window only.' },
    });
    expect(answers.fromTop).toMatchObject({ ok: true, value: { host: 'electron' } });
    await page.evaluate(() => document.querySelector('[data-testid="intruder"]')?.remove());
  });

  test('inspection and export run in the app’s utility processes', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('app-ready')).toBeVisible();
    const filters = await page.evaluate(
      (runId) => window.deepwire?.runs.filters({ runId, nodeId: 'conv' }),
      RUN_ID,
    );
    expect(filters?.weights).toHaveLength(18);
    expect(filters?.weights.every((v) => v === 0.5)).toBe(true);
    const utilities = await app.evaluate(({ app: electronApp }) =>
      electronApp
        .getAppMetrics()
        .filter((metric) => metric.type === 'Utility')
        .map((metric) => metric.serviceName ?? metric.name ?? ''),
    );
    expect(utilities).toContain('Deepwire inspection');

    const exported = await page.evaluate(
      (runId) => window.deepwire?.runs.export({ runId, format: 'tfjs' }),
      RUN_ID,
    );
    expect(exported?.files).toEqual(expect.arrayContaining(['model.json', 'README.md']));
    expect(exported?.verification.length).toBeGreaterThan(0);
    expect(exported?.verification.every((check) => check.ran)).toBe(true);
  });

  // Last: it leaves the editor with an unsaved graph.
  test('a crashed renderer reloads by itself and offers the unsaved graph back', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('app-ready')).toBeVisible();
    const before = await nodeIds(page);
    await edit(page);
    await expect.poll(() => nodeIds(page)).toHaveLength(before.length + 1);
    const edited = await nodeIds(page);
    await expect.poll(() => backupFiles(userData)).toHaveLength(1);

    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer();
    });
    const offer = page.getByTestId('backup-offer');
    await expect(offer).toContainText('Restore unsaved graph from', { timeout: 30_000 });
    expect(await nodeIds(page)).toEqual(before);
    await page.getByTestId('backup-restore').click();
    await expect(offer).toHaveCount(0);
    await expect.poll(() => nodeIds(page)).toEqual(edited);
    await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'true');
  });
});
