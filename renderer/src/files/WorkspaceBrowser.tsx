import { useCallback, useEffect, useState } from 'react';
import type { CallResponse } from '../../../core/ipc/api';
import { showToast } from '../store/uiStore';
import { requireApi } from './hostStore';

export type WorkspaceListing = CallResponse<'file.list'>;
export type WorkspaceEntry = WorkspaceListing['entries'][number];

/**
 * The host's workspace folder as last listed, and `load(dir)` to list another
 * folder (the root when `dir` is omitted). Lists the root on mount. `load`
 * resolves true once the listing is shown, false when it failed (toasted).
 */
export function useWorkspaceListing(): {
  listing: WorkspaceListing | null;
  load: (dir?: string) => Promise<boolean>;
} {
  const [listing, setListing] = useState<WorkspaceListing | null>(null);

  const load = useCallback(async (dir?: string) => {
    try {
      setListing(await requireApi().file.list(dir ? { dir } : {}));
      return true;
    } catch (e) {
      showToast('error', `Could not list the workspace: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return { listing, load };
}

/** Folders always, and only the files `accept` lets through. */
export function visibleEntries(
  listing: WorkspaceListing | null,
  accept: (name: string) => boolean,
): WorkspaceEntry[] {
  return (listing?.entries ?? []).filter((e) => e.kind === 'directory' || accept(e.name));
}

export interface WorkspaceBrowserProps {
  listing: WorkspaceListing | null;
  /** Which file names are offered; folders are always shown so the user can walk into them. */
  accept: (name: string) => boolean;
  /** Each row's data-testid is this prefix followed by the entry's name. */
  entryTestIdPrefix: string;
  /** Shown in place of the rows when a listed folder offers nothing. */
  emptyText: string;
  isChosen: (entry: WorkspaceEntry) => boolean;
  /** A folder row was clicked, or "Up one folder": `dir` omitted means the workspace root. */
  onNavigate: (dir?: string) => void;
  /** A file row was clicked. */
  onChoose: (entry: WorkspaceEntry) => void;
  /** A file row was double-clicked. */
  onActivate: (entry: WorkspaceEntry) => void;
}

/** The location bar and the entry list shared by the web host's Open / Save As and Import model dialogs. */
export function WorkspaceBrowser(props: WorkspaceBrowserProps) {
  const { listing, accept, entryTestIdPrefix, emptyText, isChosen, onNavigate, onChoose, onActivate } = props;
  const entries = visibleEntries(listing, accept);
  return (
    <>
      <div className="file-location">
        <button
          disabled={!listing?.parent}
          onClick={() => onNavigate(listing?.parent ?? undefined)}
          title="Up one folder"
        >
          ↑
        </button>
        <span className="mono">
          {listing ? `workspace/${listing.dir === '.' ? '' : listing.dir}` : 'Loading…'}
        </span>
      </div>
      <ul className="file-entries">
        {entries.map((entry) => (
          <li
            key={entry.fileId}
            data-testid={`${entryTestIdPrefix}${entry.name}`}
            className={entry.kind === 'directory' ? 'dir' : isChosen(entry) ? 'chosen' : undefined}
            onClick={() => (entry.kind === 'directory' ? onNavigate(entry.fileId) : onChoose(entry))}
            onDoubleClick={() => entry.kind === 'file' && onActivate(entry)}
          >
            <span className="file-icon">{entry.kind === 'directory' ? '📁' : '📄'}</span> {entry.name}
          </li>
        ))}
        {listing && entries.length === 0 && <li className="empty">{emptyText}</li>}
        {listing?.truncated && (
          <li className="empty" data-testid="file-list-truncated">
            This folder has more entries than can be listed; only the first{' '}
            {listing.entries.length.toLocaleString()} are shown.
          </li>
        )}
      </ul>
    </>
  );
}
