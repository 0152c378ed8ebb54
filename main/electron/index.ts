import { app, BrowserWindow, Menu } from 'electron';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProcessExporter,
  createProcessImporter,
  type ExportRequest,
} from '../engine/export/exportProcess';
import { createProcessInspector, type InspectRequest } from '../engine/inspect/process';
import { logStrayErrors } from '../engine/process/strayErrors';
import { createTrainingService } from '../engine/train/service';
import { createBackupStore } from '../services/backups';
import { createDatasetGrants } from '../services/datasetGrants';
import { datasetPolicyFor, resolveDatasetSpec } from '../services/datasetPaths';
import { createCallHandlers } from '../services/handlers';
import { createRecentFiles } from '../services/recentFiles';
import { createTokenFiles } from '../services/tokenFiles';
import { reloadOnRendererCrash } from './crashRecovery';
import { createNativeDialogs } from './dialogs';
import { hardenApp, hardenSession, hardenWindow } from './hardening';
import { registerIpcHandlers, sendEvent } from './ipc';
import { confirmUnsavedUnload } from './unloadGuard';
import { buildMenu } from './menu';
import { bundledWorkerSpawner } from './utilityProcess';
import { windowOptions } from './windowOptions';

/**
 * Electron main: one hardened window on the built renderer (which opens on
 * its own example graph), IPC for every contract call through the shared
 * handlers, native dialogs and the application menu. Everything else lives
 * in main/services so the web host behaves the same.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '..', 'preload', 'index.cjs');
const indexHtml = join(here, '..', 'renderer', 'index.html');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

// A stray rejection or callback error is logged rather than closing the app with every window and training child.
logStrayErrors((line) => process.stderr.write(`${line}\n`));

// Tests and portable runs can point the profile (recent list, caches) elsewhere.
if (process.env.DEEPWIRE_USER_DATA) app.setPath('userData', process.env.DEEPWIRE_USER_DATA);

const files = createTokenFiles();
const dataDir = process.env.DEEPWIRE_DATA_DIR || app.getPath('userData');
const recent = createRecentFiles(dataDir);
let lastDir = app.getPath('documents');

// Training, inspection and export run in Electron utility processes on the bundled workers
// (out/main/*Worker.js): the packaged app cannot fork Node. Runs live beside the user's documents.
const cacheDir = join(app.getPath('userData'), 'cache');
// Dataset calls may read only what the user picked in the dataset dialog (and the built-ins).
const datasetGrants = createDatasetGrants(dataDir);
const datasets = datasetPolicyFor({ grants: datasetGrants });
const training = createTrainingService({
  runsDir: process.env.DEEPWIRE_RUNS_DIR || join(app.getPath('documents'), 'Deepwire', 'runs'),
  spawnWorker: bundledWorkerSpawner('training'),
  cacheDir,
  // Model imports read files the user picked in a native dialog, by the same opaque ids.
  files,
  inspector: createProcessInspector({ spawn: bundledWorkerSpawner<InspectRequest>('inspect'), cacheDir }),
  exportRun: createProcessExporter(bundledWorkerSpawner<ExportRequest>('export')),
  // Model imports run in the same bundled export worker.
  importModel: createProcessImporter(bundledWorkerSpawner<ExportRequest>('export')),
  // A run folder's dataset is held to the same grants when a resume or an inspection loads it.
  confineDataset: (spec) => resolveDatasetSpec(spec, datasets),
});
training.onEvent((payload) => sendEvent('training.event', payload));

const handlers = createCallHandlers({
  host: 'electron',
  version: app.getVersion(),
  files,
  recent,
  backups: createBackupStore(dataDir),
  dialogs: createNativeDialogs(() => lastDir),
  datasetGrants,
  training,
});

async function refreshMenu(): Promise<void> {
  const paths = await recent.list();
  const entries = paths.map((path) => ({ label: basename(path), fileId: files.register(path) }));
  Menu.setApplicationMenu(buildMenu((action) => sendEvent('menu.action', { action }), entries));
  const newest = paths[0];
  if (newest) lastDir = join(newest, '..');
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath));
  hardenWindow(window);
  reloadOnRendererCrash(window);
  confirmUnsavedUnload(window);
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(indexHtml);
  return window;
}

app.enableSandbox();
hardenApp();

void app.whenReady().then(async () => {
  mkdirSync(app.getPath('userData'), { recursive: true });
  hardenSession(devServerUrl);
  registerIpcHandlers(
    handlers,
    { indexFileUrl: pathToFileURL(indexHtml).href, ...(devServerUrl ? { devServerUrl } : {}) },
    (channel) => {
      if (channel === 'file.read' || channel === 'file.write' || channel === 'file.openDialog')
        void refreshMenu();
    },
  );
  await refreshMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void training.dispose();
});
