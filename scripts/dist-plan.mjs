import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** What `npm run dist` builds on each OS (cross-building needs that OS's tools, e.g. Wine or macOS signing). */
export const DIST_TARGETS = {
  linux: ['--linux', 'AppImage', 'deb'],
  win32: ['--win', 'nsis'],
  darwin: ['--mac', 'dmg'],
};

/** The electron-builder CLI, or null when the package is not installed. */
export function findBuilderCli(root) {
  try {
    return createRequire(join(root, 'package.json')).resolve('electron-builder/cli.js');
  } catch {
    return null;
  }
}

/**
 * Decides what `npm run dist` does: the electron-builder command line, or the
 * one line that says why packages cannot be built here. Pure apart from the
 * `exists` check, so it is tested without building anything.
 */
export function distPlan({ root, platform, electronBinary, builderCli, overrideDist, exists = existsSync }) {
  const targets = DIST_TARGETS[platform];
  if (!targets)
    return { ok: false, message: `dist: packages are built on Linux, Windows or macOS, not ${platform}.` };
  if (!builderCli) {
    return {
      ok: false,
      message:
        'dist: electron-builder is not installed; run `npm install` (it is a devDependency) and try again.',
    };
  }
  const electronDist = overrideDist || join(root, 'node_modules', 'electron', 'dist');
  if (!electronBinary || !exists(electronDist)) {
    return {
      ok: false,
      message:
        'dist: cannot build packages here: the Electron binary is not available (offline install, and it cannot be ' +
        "downloaded); fetch it with 'node node_modules/electron/install.js' or set ELECTRON_OVERRIDE_DIST_PATH.",
    };
  }
  return {
    ok: true,
    args: [builderCli, ...targets, '--config', 'electron-builder.json', `-c.electronDist=${electronDist}`],
  };
}
