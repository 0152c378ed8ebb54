/** A dataset the user picks from files rather than from the host's list. */
export type DatasetFileKind = 'folder' | 'csv';

const KIND_LABEL: Record<DatasetFileKind, string> = { folder: 'folder', csv: 'CSV' };

/** The spec for a workspace entry: `folder:<relative>` or `csv:<relative>`; the root folder is `.`. */
export function workspaceDatasetSpec(kind: DatasetFileKind, fileId: string): string {
  return `${kind}:${fileId}`;
}

/** Whether a file may be offered as a CSV dataset. */
export function isCsvName(name: string): boolean {
  return name.toLowerCase().endsWith('.csv');
}

/**
 * How the page names a dataset spec: a built-in id as it is, a folder or CSV
 * by its last path segment only, so a host path granted by a native dialog is
 * never shown in full.
 */
export function datasetLabel(spec: string): string {
  const match = /^(folder|csv):(.*)$/s.exec(spec);
  if (!match) return spec;
  const kind = match[1] as DatasetFileKind;
  const segments = (match[2] ?? '').split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  return `${segments.at(-1) ?? 'workspace'} (${KIND_LABEL[kind]})`;
}
