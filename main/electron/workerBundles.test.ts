import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { bundleFileName, WORKER_BUNDLES, workerInputs } from './workerBundles';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** electron-vite's main inputs as the build will see them (the config is a plain object). */
function mainInputs(): Record<string, string> {
  if (typeof config !== 'object' || !('main' in config))
    throw new Error('electron.vite.config.ts is not a plain object');
  const input = config.main?.build?.rollupOptions?.input;
  if (typeof input !== 'object' || Array.isArray(input))
    throw new Error('main inputs are not a name → file map');
  return input;
}

describe('the bundled worker processes', () => {
  it('electron.vite.config.ts builds the app entry and the training, inspection and export workers', () => {
    const inputs = mainInputs();
    expect(Object.keys(inputs).sort()).toEqual(['exportWorker', 'index', 'inspectWorker', 'trainingWorker']);
    expect(inputs.trainingWorker).toBe(join(ROOT, 'main/engine/train/worker.ts'));
    expect(inputs.inspectWorker).toBe(join(ROOT, 'main/engine/inspect/worker.ts'));
    expect(inputs.exportWorker).toBe(join(ROOT, 'main/engine/export/exportWorker.ts'));
  });

  it('every worker source exists, and the app starts the same file names the build writes', () => {
    for (const bundle of Object.values(WORKER_BUNDLES))
      expect(existsSync(join(ROOT, bundle.source))).toBe(true);
    expect(bundleFileName('training')).toBe('trainingWorker.js');
    expect(bundleFileName('inspect')).toBe('inspectWorker.js');
    expect(bundleFileName('export')).toBe('exportWorker.js');
    expect(workerInputs((source) => `/x/${source}`)).toEqual({
      trainingWorker: '/x/main/engine/train/worker.ts',
      inspectWorker: '/x/main/engine/inspect/worker.ts',
      exportWorker: '/x/main/engine/export/exportWorker.ts',
    });
  });
});
