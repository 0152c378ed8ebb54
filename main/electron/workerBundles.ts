/**
 * The worker processes the app bundles beside out/main/index.js, one
 * electron-vite main entry each. Pure data: electron.vite.config.ts builds its
 * inputs from it and main/electron/index.ts starts the same files, so the two
 * cannot drift apart.
 */
export const WORKER_BUNDLES = {
  training: {
    entryName: 'trainingWorker',
    source: 'main/engine/train/worker.ts',
    service: 'Deepwire training',
  },
  inspect: {
    entryName: 'inspectWorker',
    source: 'main/engine/inspect/worker.ts',
    service: 'Deepwire inspection',
  },
  export: {
    entryName: 'exportWorker',
    source: 'main/engine/export/exportWorker.ts',
    service: 'Deepwire export',
  },
} as const;

export type WorkerKind = keyof typeof WORKER_BUNDLES;

/** The built file name of a worker, e.g. "inspectWorker.js". */
export function bundleFileName(kind: WorkerKind): string {
  return `${WORKER_BUNDLES[kind].entryName}.js`;
}

/** electron-vite's `main.build.rollupOptions.input` for the workers, given a path resolver. */
export function workerInputs(resolvePath: (source: string) => string): Record<string, string> {
  return Object.fromEntries(
    Object.values(WORKER_BUNDLES).map(({ entryName, source }) => [entryName, resolvePath(source)]),
  );
}
