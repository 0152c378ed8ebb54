import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The project root, where electron.vite.config.ts lives (this file is main/host/). */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
export const DEFAULT_RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');

/**
 * The web host serves the built renderer; when it is missing (a fresh clone)
 * build it once with the project's electron-vite config.
 */
export async function ensureRendererBuilt(rendererDir: string, log: (line: string) => void): Promise<void> {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  log(`Deepwire: building the editor into ${rendererDir} (first run)…`);
  const { build } = await import('electron-vite');
  await build({
    root: PROJECT_ROOT,
    configFile: join(PROJECT_ROOT, 'electron.vite.config.ts'),
    logLevel: 'warn',
  });
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The build finished but ${join(rendererDir, 'index.html')} is missing.`);
  }
}
