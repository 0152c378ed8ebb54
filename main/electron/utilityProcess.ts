import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessHandle, SpawnProcess } from '../engine/process/handle';
import { bundleFileName, WORKER_BUNDLES, type WorkerKind } from './workerBundles';

/**
 * Worker processes inside the app: Electron utility processes on the bundled
 * entries (out/main/*Worker.js). `child_process.fork` cannot be used there,
 * since the packaged app has the run-as-node fuse off and no tsx. They speak
 * the same messages as the Node children; only this file knows it is
 * Electron (the workers connect through main/engine/process/parentPort).
 */
const OUT_MAIN = fileURLToPath(new URL('.', import.meta.url));

export function bundledWorkerPath(kind: WorkerKind): string {
  return join(OUT_MAIN, bundleFileName(kind));
}

export function spawnUtilityProcess<In>(entry: string, serviceName: string): ProcessHandle<In> {
  const child = utilityProcess.fork(entry, [], { serviceName, stdio: 'inherit' });
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

export function utilityProcessSpawner<In>(entry: string, serviceName: string): SpawnProcess<In> {
  return () => spawnUtilityProcess<In>(entry, serviceName);
}

/** The spawner for one of the bundled workers, named in the OS task manager by its service. */
export function bundledWorkerSpawner<In>(kind: WorkerKind): SpawnProcess<In> {
  return utilityProcessSpawner<In>(bundledWorkerPath(kind), WORKER_BUNDLES[kind].service);
}
