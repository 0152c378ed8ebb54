import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder per test, removed by the returned disposer. */
export async function makeTempDir(prefix: string): Promise<{ path: string; dispose(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `deepwire-${prefix}-`));
  return { path, dispose: () => rm(path, { recursive: true, force: true }) };
}

/** True under CI (.ci/run sets CI=true): there every optional test dependency is installed. */
export function isCi(): boolean {
  const ci = process.env.CI;
  return Boolean(ci) && ci !== 'false' && ci !== '0';
}

/**
 * For a test that needs what only some machines have (PyTorch, a Debian
 * dataset): under CI, which installs them all, a missing one is an error;
 * elsewhere the reason is printed and the caller skips. Never a silent skip.
 */
export function noteMissingDependency(reason: string): void {
  if (isCi()) throw new Error(`${reason}: CI installs it (.ci/run), so this test must run, not skip`);
  console.warn(`skipped: ${reason}`);
}
