import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const MISSING_ELECTRON_MESSAGE =
  "Deepwire: the Electron binary is not installed (offline install); get it with 'npx install-electron' " +
  "or 'node node_modules/electron/install.js' when online — starting the web host instead.";

/**
 * The Electron executable, or null when the package is installed without its
 * binary (electron >= 45 downloads it lazily). Read from path.txt rather than
 * `require('electron')`, which would try to download it right now.
 */
export function findElectronBinary(root = PROJECT_ROOT) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const override = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(override) ? override : null;
  }
  if (!relative) return null;
  const binary = join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/** The three build outputs the app needs. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

export function isBuilt(root = PROJECT_ROOT) {
  return BUILD_OUTPUTS.every((file) => existsSync(join(root, file)));
}
