import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpawnWorker, WorkerHandle } from '../engine/train/protocol';

/**
 * The training process inside the app: an Electron utility process running
 * the bundled worker (main/engine/train/worker.ts, built as
 * out/main/trainingWorker.js). It speaks the same messages as the Node child
 * process; only this file knows it is Electron.
 */
export const DEFAULT_WORKER_BUNDLE = join(fileURLToPath(new URL('.', import.meta.url)), 'trainingWorker.js');

export function spawnUtilityWorker(entry: string = DEFAULT_WORKER_BUNDLE): WorkerHandle {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Deepwire training', stdio: 'inherit' });
  let exitedBySignal: string | null = null;
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    // Electron reports only an exit code; a kill we issued is named so the crash message says so.
    onExit: (listener) => child.on('exit', (code) => listener({ code, signal: exitedBySignal })),
    kill: () => {
      exitedBySignal = 'SIGKILL';
      child.kill();
    },
    get pid() {
      return child.pid;
    },
  };
}

export function utilityWorkerSpawner(entry?: string): SpawnWorker {
  return () => spawnUtilityWorker(entry);
}
