import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const NPM_WARNING = /npm warn/i;
const TFJS_BANNER = /looks like you are running TensorFlow\.js in Node\.js/;

describe('CLI output', () => {
  it('`npx deepwire doctor` prints its report with no npm warning and no TensorFlow.js banner', () => {
    const result = spawnSync('npx', ['--no-install', 'deepwire', 'doctor', '--backend', 'cpu'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toContain('Training runs on cpu.');
    expect(output).not.toMatch(NPM_WARNING);
    expect(output).not.toMatch(TFJS_BANNER);
  }, 300_000);
});
