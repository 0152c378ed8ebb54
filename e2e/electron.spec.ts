import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { apiKeys } from '../core/ipc/api';
import { findElectronBinary, PROJECT_ROOT } from '../scripts/electron-binary.mjs';

// Checked via node_modules/electron/path.txt: require('electron') would try to download the binary now.
const binary = findElectronBinary();
const SKIP_REASON = 'Electron binary not installed (offline install): Electron e2e skipped';
if (binary === null) process.stdout.write(`${SKIP_REASON}\n`);

test.describe('Electron app', () => {
  test.skip(binary === null, SKIP_REASON);

  let app: ElectronApplication;
  let userData: string;

  test.beforeAll(async () => {
    userData = await mkdtemp(join(tmpdir(), 'deepwire-electron-'));
    // ELECTRON_RUN_AS_NODE would make the binary a plain Node.
    const inherited = Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE',
    );
    const env = { ...Object.fromEntries(inherited), DEEPWIRE_USER_DATA: userData };
    app = await electron.launch({
      executablePath: binary ?? undefined,
      // Chromium refuses to run as root without this; the page's own sandbox flag is unaffected.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), PROJECT_ROOT],
      env,
    });
  });

  test.afterAll(async () => {
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
});
