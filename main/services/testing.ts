import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder per test, removed by the returned disposer. */
export async function makeTempDir(prefix: string): Promise<{ path: string; dispose(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `deepwire-${prefix}-`));
  return { path, dispose: () => rm(path, { recursive: true, force: true }) };
}
