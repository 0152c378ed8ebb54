#!/usr/bin/env node
/**
 * `npm test`'s first step: the Debian packages the tests need (Chromium for
 * the e2e tests, PyTorch for the PyTorch export checks, Fashion-MNIST for the
 * dataset tests). Installed when missing and this user may (root, or sudo
 * without a password prompt); otherwise it fails at once with the one command
 * that fixes it. CI (`.ci/run`) runs as root and gets them installed here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// libvulkan1: the Vulkan loader Dawn (the webgpu backend) needs; chromium ships SwiftShader, the software driver CI trains on.
export const PACKAGES = ['chromium', 'python3-torch', 'dataset-fashion-mnist', 'libvulkan1'];

/**
 * What to do, from what the machine has: nothing, install (with or without
 * sudo), or fail with the command to run. Pure, so every case is tested.
 * @param {{ missing: string[]; root: boolean; sudo: boolean; apt: boolean }} machine
 * @returns {{ action: 'none' } | { action: 'install'; argv: string[][] } | { action: 'fail'; message: string }}
 */
export function planSetup({ missing, root, sudo, apt }) {
  if (missing.length === 0) return { action: 'none' };
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  const command = `sudo apt-get update && sudo ${install.join(' ')}`;
  if (!apt) {
    return {
      action: 'fail',
      message: `npm test needs ${missing.join(', ')} (Debian package names); install them, or set CHROMIUM_PATH for Chromium.`,
    };
  }
  if (!root && !sudo) {
    return {
      action: 'fail',
      message: `npm test needs the Debian packages ${missing.join(', ')}. Install them with:\n  ${command}\nthen run npm test again.`,
    };
  }
  const prefix = root ? [] : ['sudo', '-n'];
  return {
    action: 'install',
    argv: [
      [...prefix, 'apt-get', 'update'],
      [...prefix, ...install],
    ],
  };
}

const quiet = { stdio: 'ignore' };
const succeeds = (cmd, args) => spawnSync(cmd, args, quiet).status === 0;

function missingPackages() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return PACKAGES.filter((name) =>
    name === 'chromium' ? !existsSync(chromium) : !succeeds('dpkg', ['-s', name]),
  );
}

function main() {
  const missing = missingPackages();
  const plan = planSetup({
    missing,
    root: typeof process.getuid === 'function' && process.getuid() === 0,
    sudo: missing.length > 0 && succeeds('sudo', ['-n', 'true']),
    apt: missing.length > 0 && succeeds('apt-get', ['--version']),
  });
  if (plan.action === 'none') return 0;
  if (plan.action === 'fail') {
    process.stderr.write(`${plan.message}\n`);
    return 1;
  }
  process.stdout.write(`test set-up: installing ${missing.join(' ')}\n`);
  for (const [cmd, ...args] of plan.argv) {
    const result = spawnSync(cmd, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      process.stderr.write(`test set-up: '${[cmd, ...args].join(' ')}' failed\n`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
