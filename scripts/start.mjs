#!/usr/bin/env node
// `npm start`: build if needed, then open the Electron app; where the Electron
// binary is missing (offline install) say so in one line and serve the same
// editor to a browser instead.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary, isBuilt, MISSING_ELECTRON_MESSAGE, PROJECT_ROOT } from './electron-binary.mjs';

const rebuild = process.argv.includes('--rebuild');

async function build() {
  process.stdout.write('Deepwire: building main, preload and renderer (electron-vite build)…\n');
  const { build: electronViteBuild } = await import('electron-vite');
  await electronViteBuild({
    root: PROJECT_ROOT,
    configFile: join(PROJECT_ROOT, 'electron.vite.config.ts'),
    logLevel: 'warn',
  });
}

/** Runs a child with inherited stdio, forwarding Ctrl+C, and exits with its code. */
function runChild(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  child.on('error', (error) => {
    process.stderr.write(`Deepwire: could not start ${command}: ${error.message}\n`);
    process.exitCode = 1;
  });
}

if (rebuild || !isBuilt()) await build();

const electron = findElectronBinary();
if (electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain Node
  runChild(electron, [PROJECT_ROOT], env);
} else {
  process.stdout.write(`${MISSING_ELECTRON_MESSAGE}\n`);
  const extra = process.argv.slice(2).filter((arg) => arg !== '--rebuild');
  runChild(process.execPath, [join(PROJECT_ROOT, 'bin', 'deepwire.mjs'), 'serve', ...extra]);
}
