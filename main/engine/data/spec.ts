import { DatasetError, type DatasetSpec } from './types';

export const DEFAULT_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

const SPEC_HELP =
  "expected 'digits', 'shapes', 'shapes:28|32[:gray|rgb]', 'fashion-mnist', 'fashion-mnist:DIR', " +
  "'mnist:DIR', 'cifar10:DIR', 'folder:DIR' or 'csv:FILE'";

/**
 * Parses the dataset string of the CLI and the UI. Everything after the first
 * colon of a path-taking kind is the path, so paths may contain colons.
 */
export function parseDatasetSpec(spec: string): DatasetSpec {
  const text = spec.trim();
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? null : text.slice(colon + 1);
  const needPath = (): string => {
    if (rest === null || rest.trim() === '') {
      throw new DatasetError(`dataset '${text}' needs a path: '${kind}:PATH'`, { field: 'dataset' });
    }
    return rest;
  };
  switch (kind) {
    case 'digits':
      if (rest !== null)
        throw new DatasetError(`'digits' takes no options (got '${text}')`, { field: 'dataset' });
      return { kind: 'digits' };
    case 'shapes':
      return parseShapes(text, rest);
    case 'fashion-mnist':
      return { kind: 'fashion-mnist', dir: rest === null || rest === '' ? DEFAULT_FASHION_MNIST_DIR : rest };
    case 'mnist':
      return { kind: 'mnist', dir: needPath() };
    case 'cifar10':
      return { kind: 'cifar10', dir: needPath() };
    case 'folder':
      return { kind: 'folder', dir: needPath() };
    case 'csv':
      return { kind: 'csv', file: needPath() };
    default:
      throw new DatasetError(`unknown dataset '${text}': ${SPEC_HELP}`, { field: 'dataset' });
  }
}

function parseShapes(text: string, rest: string | null): DatasetSpec {
  let size: 28 | 32 = 32;
  let color: 'gray' | 'rgb' = 'rgb';
  for (const part of rest === null ? [] : rest.split(':')) {
    if (part === '28' || part === '32') size = part === '28' ? 28 : 32;
    else if (part === 'gray' || part === 'grey') color = 'gray';
    else if (part === 'rgb') color = 'rgb';
    else {
      throw new DatasetError(
        `'${text}': unknown shapes option '${part}' (size 28 or 32, colour gray or rgb)`,
        {
          field: 'dataset',
        },
      );
    }
  }
  return { kind: 'shapes', size, color };
}

/** The spec written back as the string users type (for run settings and the UI). */
export function formatDatasetSpec(spec: DatasetSpec): string {
  switch (spec.kind) {
    case 'digits':
      return 'digits';
    case 'shapes':
      return `shapes:${spec.size}:${spec.color}`;
    case 'fashion-mnist':
      return spec.dir === DEFAULT_FASHION_MNIST_DIR ? 'fashion-mnist' : `fashion-mnist:${spec.dir}`;
    case 'mnist':
    case 'cifar10':
    case 'folder':
      return `${spec.kind}:${spec.dir}`;
    case 'csv':
      return `csv:${spec.file}`;
  }
}
