import { CURRENT_VERSION } from '../../../core/graph/schema';
import type { ReadOnlyReason } from '../../../core/graph/document';
import { defineAction } from '../actions/types';
import type { FileState } from '../store/types';
import { askConfirm } from '../store/uiStore';
import { displayName } from './fileNames';

/** A file as a host (or the browser's file picker) hands it over, with the host's version notices. */
export type OpenedFile = {
  readonly fileId: string | null;
  readonly name: string;
  readonly text: string;
  readonly readOnly?: { readonly reason: string };
  readonly backupPath?: string;
};

/** The file binding for a freshly parsed file: read-only if it is newer, migrated (with its .bak) if older. */
export function openedFileState(
  opened: OpenedFile,
  parsed: { readonly migratedFrom: number | null; readonly readOnly?: ReadOnlyReason },
): FileState {
  const file: FileState = { fileId: opened.fileId, name: displayName(opened.name) };
  const readOnly = parsed.readOnly ? { reason: parsed.readOnly.reason } : opened.readOnly;
  if (readOnly) return { ...file, readOnly };
  if (parsed.migratedFrom === null) return file;
  return { ...file, migrated: { fromVersion: parsed.migratedFrom, backupPath: opened.backupPath ?? null } };
}

/** The one-line migrated notice. */
export function migratedMessage(file: FileState): string | null {
  const migrated = file.migrated;
  if (!migrated) return null;
  const upgraded = `Upgraded “${file.name}” from document version ${migrated.fromVersion} to ${CURRENT_VERSION}.`;
  if (migrated.backupPath) return `${upgraded} The original is kept as ${migrated.backupPath}.`;
  if (file.fileId === null) return `${upgraded} The original file is unchanged.`;
  return `${upgraded} The original will be copied to a .bak before it is first saved over.`;
}

/** Hides the migrated notice; the .bak stays on disk. */
export const dismissMigratedNotice = defineAction({
  name: 'dismissMigratedNotice',
  label: 'Dismiss upgrade notice',
  perform(state) {
    if (!state.file.migrated) return null;
    const { migrated: _migrated, ...file } = state.file;
    return { file };
  },
});

/** The name Save As suggests: a copy of a newer file must not default to overwriting it (the host would refuse). */
export function saveAsBaseName(file: FileState): string {
  return file.readOnly ? `${file.name} copy` : file.name;
}

/** Save As from a read-only (newer) file writes an older-format copy: say what it will lack, and ask. */
export function confirmCopyOfNewer(file: FileState): Promise<boolean> {
  if (!file.readOnly) return Promise.resolve(true);
  return askConfirm(
    'Save a copy in this version’s format?',
    `The copy is saved as document version ${CURRENT_VERSION}: it keeps the graph as shown here, ` +
      `without anything the newer version added. The original file is left as it is.`,
    'Save copy',
  );
}
