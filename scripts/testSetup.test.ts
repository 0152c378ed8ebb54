import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './electron-binary.mjs';
import { PACKAGES, planSetup } from './test-setup.mjs';

describe('planSetup', () => {
  it('does nothing when every package is there', () => {
    expect(planSetup({ missing: [], root: false, sudo: false, apt: true })).toEqual({ action: 'none' });
  });

  it('installs as root without sudo, and with sudo -n otherwise', () => {
    const root = planSetup({ missing: ['chromium'], root: true, sudo: false, apt: true });
    expect(root).toEqual({
      action: 'install',
      argv: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'],
      ],
    });
    const user = planSetup({ missing: ['python3-torch'], root: false, sudo: true, apt: true });
    expect(user.action === 'install' && user.argv[1]?.slice(0, 3)).toEqual(['sudo', '-n', 'apt-get']);
  });

  it('fails with the one command that fixes it when it may not install', () => {
    const plan = planSetup({ missing: [...PACKAGES], root: false, sudo: false, apt: true });
    expect(plan.action).toBe('fail');
    expect(plan.action === 'fail' && plan.message).toContain(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium python3-torch dataset-fashion-mnist libvulkan1',
    );
  });
});

describe('scripts/test-setup.mjs', () => {
  let bin = '';
  afterEach(() => {
    if (bin) rmSync(bin, { recursive: true, force: true });
  });

  /** A PATH of stand-ins: dpkg knows no package, apt-get and sudo log what they were asked. */
  function fakeDebian(): { path: string; log: string } {
    bin = mkdtempSync(join(tmpdir(), 'deepwire-setup-'));
    const log = join(bin, 'calls.log');
    const tool = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    tool('dpkg', 'exit 1');
    tool('apt-get', `echo "apt-get $*" >> ${log}`);
    tool('sudo', `[ "$1" = "-n" ] && shift; [ "$1" = true ] && exit 0; exec "$@"`);
    return { path: bin, log };
  }

  it('installs what is missing through apt-get, as CI does on a clean machine', () => {
    const { path, log } = fakeDebian();
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/test-setup.mjs')], {
      env: { PATH: path, CHROMIUM_PATH: join(path, 'no-chromium') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls.at(-1)).toBe(
      'apt-get install -y --no-install-recommends chromium python3-torch dataset-fashion-mnist libvulkan1',
    );
  });
});
