#!/usr/bin/env node
// `npm run dist`: builds the app (electron-vite) and packages it with
// electron-builder for this OS (Linux: AppImage + deb). Where the Electron
// binary cannot be had (offline install) it says so in one line and exits 1.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, PROJECT_ROOT } from './electron-binary.mjs';
import { distPlan, findBuilderCli } from './dist-plan.mjs';

const plan = distPlan({
  root: PROJECT_ROOT,
  platform: process.platform,
  electronBinary: findElectronBinary(),
  builderCli: findBuilderCli(PROJECT_ROOT),
  overrideDist: process.env.ELECTRON_OVERRIDE_DIST_PATH,
});
if (!plan.ok) {
  process.stderr.write(`${plan.message}\n`);
  process.exit(1);
}

const run = (args) => spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: 'inherit' }).status ?? 1;
const electronVite = fileURLToPath(
  new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url),
);
const built = run([electronVite, 'build']);
if (built !== 0) process.exit(built);
process.exit(run(plan.args));
