import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isInsideFolder } from '../engine/data/files';
import { DEFAULT_FASHION_MNIST_DIR, formatDatasetSpec, parseDatasetSpec } from '../engine/data/spec';
import type { DatasetSpec } from '../engine/data/types';
import type { CallRequest } from '../../core/ipc/contract';
import { HostError } from './errors';
import type { TrainingChannel } from './training';

/** Where a host lets dataset specs point. */
export interface DatasetPolicy {
  /** Real paths of folders whose whole contents may be used (the web host's workspace). */
  roots: readonly string[];
  /** Where relative paths start (the workspace); without it relative paths are refused. */
  base?: string;
  /** Paths the user picked in a native dialog (Electron): a folder covers what is inside it. */
  grants?: { list(): Promise<string[]> };
}

const MAX_SPEC_LENGTH = 4096;

/**
 * The policy of a host: the web host's workspace (relative specs start there),
 * and the app's dialog grants. Both hosts and their training services build it here.
 */
export function datasetPolicyFor(host: {
  workspace?: string;
  grants?: DatasetPolicy['grants'];
}): DatasetPolicy {
  return {
    roots: host.workspace === undefined ? [] : [host.workspace],
    ...(host.workspace === undefined ? {} : { base: host.workspace }),
    ...(host.grants ? { grants: host.grants } : {}),
  };
}

/** One message whether the path exists or not, so a refusal reveals nothing about the disk. */
export const DATASET_FORBIDDEN =
  'That dataset is outside the places this host may read: use a folder or file inside the workspace, ' +
  'or choose it with the dataset dialog in the app.';

function refuse(): never {
  throw new HostError('forbidden', DATASET_FORBIDDEN, 'dataset');
}

function pathOf(spec: DatasetSpec): string | null {
  switch (spec.kind) {
    case 'digits':
    case 'shapes':
      return null;
    case 'fashion-mnist':
      // The packaged Fashion-MNIST is built in, like digits and shapes (however its folder is spelled).
      return isAbsolute(spec.dir) && resolve(spec.dir) === DEFAULT_FASHION_MNIST_DIR ? null : spec.dir;
    case 'mnist':
    case 'cifar10':
    case 'folder':
      return spec.dir;
    case 'csv':
      return spec.file;
  }
}

function withPath(spec: DatasetSpec, path: string): DatasetSpec {
  return spec.kind === 'csv' ? { ...spec, file: path } : ({ ...spec, dir: path } as DatasetSpec);
}

/**
 * The real path of `path`, or, when it does not exist, the real path of its
 * deepest existing ancestor joined with the rest: so a missing path behind a
 * symlink that leaves the allowed places is judged where it really leads.
 */
async function realOrAncestor(path: string): Promise<{ real: string; exists: boolean }> {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return { real: join(await realpath(current), ...rest), exists: rest.length === 0 };
    } catch {
      const parent = dirname(current);
      if (parent === current) return { real: path, exists: false };
      rest.unshift(basename(current));
      current = parent;
    }
  }
}

/**
 * Checks a dataset spec against the host's policy before anything is opened
 * and returns it with the path made absolute and real (symlinks followed), so
 * the loader reads exactly what was checked. Built-in datasets pass as they
 * are. Refusals are `forbidden` with the same message whether the path exists.
 */
export async function resolveDatasetSpec(spec: string, policy: DatasetPolicy): Promise<string> {
  // The same cap as the contract's spec fields; training settings reach here unparsed.
  if (spec.length > MAX_SPEC_LENGTH) {
    throw new HostError('bad-request', `A dataset spec is at most ${MAX_SPEC_LENGTH} characters.`, 'dataset');
  }
  let parsed: DatasetSpec;
  try {
    parsed = parseDatasetSpec(spec);
  } catch (error) {
    throw new HostError('bad-request', error instanceof Error ? error.message : 'invalid dataset', 'dataset');
  }
  const path = pathOf(parsed);
  if (path === null) return parsed.kind === 'fashion-mnist' ? 'fashion-mnist' : formatDatasetSpec(parsed);
  if (path.includes('\0')) refuse();
  let absolute: string;
  if (isAbsolute(path)) absolute = resolve(path);
  else if (policy.base !== undefined) absolute = resolve(policy.base, path);
  else refuse();
  const { real, exists } = await realOrAncestor(absolute);
  const grants = policy.grants ? await policy.grants.list() : [];
  const allowed = [...policy.roots, ...grants].some((root) => isInsideFolder(root, real));
  if (!allowed) refuse();
  if (!exists) throw new HostError('not-found', 'The dataset path does not exist.', 'dataset');
  return formatDatasetSpec(withPath(parsed, real));
}

/** The calls whose request names a dataset, and where: each is resolved before the engine sees it. */
export async function confineDatasetRequest<C extends TrainingChannel>(
  channel: C,
  request: CallRequest<C>,
  policy: DatasetPolicy,
): Promise<CallRequest<C>> {
  const confine = (spec: string) => resolveDatasetSpec(spec, policy);
  switch (channel) {
    case 'dataset.preview':
    case 'dataset.sample': {
      const { spec } = request as CallRequest<'dataset.preview' | 'dataset.sample'>;
      return { ...request, spec: await confine(spec) };
    }
    case 'training.startExperiment':
    case 'training.estimateExperiment': {
      // The estimate trains a speed probe on the dataset: confined like the experiment itself.
      const { dataset } = request as CallRequest<'training.startExperiment' | 'training.estimateExperiment'>;
      return { ...request, dataset: await confine(dataset) };
    }
    case 'training.start': {
      const { settings } = request as CallRequest<'training.start'>;
      // Settings are parsed by the engine; only a string dataset can name a path (a default names none).
      if (typeof settings !== 'object' || settings === null || !('dataset' in settings)) return request;
      const { dataset } = settings;
      if (typeof dataset !== 'string') return request;
      return { ...request, settings: { ...settings, dataset: await confine(dataset) } };
    }
    default:
      return request;
  }
}
