import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SpawnWorker, WorkerHandle } from './protocol';

/** Where the worker's TypeScript entry lives, run through tsx (no build step for the CLI and web host). */
export const WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** A Node child process per run: used by the web host and the CLI. */
export function spawnNodeWorker(opts: { entry?: string; env?: NodeJS.ProcessEnv } = {}): WorkerHandle {
  const child = fork(opts.entry ?? WORKER_ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    // tfjs prints a banner on stdout; keep the host's stdout clean (the CLI's --json owns it).
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, ...opts.env },
    // Events are plain JSON; 'json' serialises about twice as fast as 'advanced'.
    serialization: 'json',
  });
  child.stdout?.pipe(process.stderr);
  return {
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener({ code, signal })),
    kill: () => child.kill('SIGKILL'),
    get pid() {
      return child.pid;
    },
  };
}

export const nodeWorkerSpawner: SpawnWorker = () => spawnNodeWorker();
