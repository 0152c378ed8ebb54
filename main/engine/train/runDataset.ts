import { join } from 'node:path';
import { HostError } from '../../services/errors';
import { readJson, RUN_FILES } from './runFolder';

/** Confines a dataset spec the way the host does for the page's own requests (see main/services/datasetPaths). */
export type ConfineDataset = (spec: string) => Promise<string>;

/**
 * The dataset spec a run folder's settings name, confined by the host: a run
 * folder may sit in the page's workspace, so its settings.json is as
 * untrusted as a request. Anything but a string spec is refused, since the
 * loader would take an object as an already-parsed spec.
 */
export async function confinedRunDataset(runDir: string, confine: ConfineDataset): Promise<string> {
  let dataset: unknown;
  try {
    const settings = await readJson<unknown>(join(runDir, RUN_FILES.settings));
    dataset =
      typeof settings === 'object' && settings !== null ? Reflect.get(settings, 'dataset') : undefined;
  } catch {
    dataset = undefined;
  }
  if (typeof dataset !== 'string') {
    throw new HostError('bad-request', "The run's settings.json names no dataset.", 'runId');
  }
  return confine(dataset);
}
