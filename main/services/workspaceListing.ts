import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LIMITS } from '../../core/graph/schema';
import { MAX_LIST_ENTRIES } from '../../core/ipc/contract';

export type EntryKind = 'file' | 'directory';
export type ListedEntry = { name: string; kind: EntryKind };

/**
 * What a link (or an entry whose type the file system did not say) really
 * is, or null when it dangles or leads out of the workspace.
 */
export type ResolveEntry = (fullPath: string) => Promise<EntryKind | null>;

const collator = new Intl.Collator();

const byKindThenName = (
  a: { name: string; kind: EntryKind },
  b: { name: string; kind: EntryKind },
): number => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'directory' ? -1 : 1);

/**
 * A folder's visible entries, folders first then by name, at most
 * MAX_LIST_ENTRIES. The cut comes first, from readdir's own types: only the
 * kept entries that are links (or of unknown type) cost a check, so a folder
 * of 50,000 files is not checked 50,000 times to show 10,000. A link to a
 * folder is sorted among the files for the cut, then among the folders.
 */
export async function listFolder(
  folder: string,
  resolve: ResolveEntry,
): Promise<{ entries: ListedEntry[]; truncated: boolean }> {
  const visible = (await readdir(folder, { withFileTypes: true })).filter(
    (entry) => !entry.name.startsWith('.') && entry.name.length <= LIMITS.maxNameLength,
  );
  const ranked = visible
    .map(
      (entry: Dirent) =>
        ({ entry, name: entry.name, kind: entry.isDirectory() ? 'directory' : 'file' }) as const,
    )
    .sort(byKindThenName);
  const kept = ranked.slice(0, MAX_LIST_ENTRIES);
  const entries: ListedEntry[] = [];
  for (const { entry, name } of kept) {
    const kind: EntryKind | null = entry.isDirectory()
      ? 'directory'
      : entry.isFile()
        ? 'file'
        : await resolve(join(folder, name));
    if (kind !== null) entries.push({ name, kind });
  }
  return { entries: entries.sort(byKindThenName), truncated: ranked.length > kept.length };
}
