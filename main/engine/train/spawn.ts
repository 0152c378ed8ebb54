import { fileURLToPath } from 'node:url';
import { forkNodeProcess } from '../process/nodeProcess';
import type { SpawnWorker, WorkerHandle } from './protocol';

/** Where the worker's TypeScript entry lives, run through tsx (no build step for the CLI and web host). */
export const WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** A Node child process per run: used by the web host and the CLI. */
export function spawnNodeWorker(opts: { entry?: string; env?: NodeJS.ProcessEnv } = {}): WorkerHandle {
  // Events are plain JSON; 'json' serialises about twice as fast as 'advanced'.
  return forkNodeProcess(opts.entry ?? WORKER_ENTRY, {
    serialization: 'json',
    ...(opts.env ? { env: opts.env } : {}),
  });
}

export const nodeWorkerSpawner: SpawnWorker = () => spawnNodeWorker();
