import { useCallback, useEffect, useState } from 'react';
import type { CallResponse } from '../../../core/ipc/api';
import { useEditorStore } from '../store/editorStore';
import { showToast, useUiStore } from '../store/uiStore';
import { openFileById, saveToWorkspace } from './fileCommands';
import { DOCUMENT_EXTENSION, safeFileName, withDocumentExtension } from './fileNames';
import { requireApi } from './hostStore';
import { saveAsBaseName } from './versionNotices';

type Listing = CallResponse<'file.list'>;

function close(): void {
  useUiStore.setState({ fileDialog: null });
}

/** The web host's Open / Save As: browses the host's workspace folder over `file.list`. */
export function FileDialog() {
  const mode = useUiStore((s) => s.fileDialog);
  if (!mode) return null;
  return <WorkspaceBrowser mode={mode} />;
}

function WorkspaceBrowser({ mode }: { mode: 'open' | 'save' }) {
  const [listing, setListing] = useState<Listing | null>(null);
  const [name, setName] = useState(() =>
    withDocumentExtension(safeFileName(saveAsBaseName(useEditorStore.getState().file))),
  );
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (dir?: string) => {
    try {
      setListing(await requireApi().file.list(dir ? { dir } : {}));
    } catch (e) {
      showToast('error', `Could not list the workspace: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const done =
      mode === 'save' ? await saveToWorkspace(listing?.dir, name) : await openSelected(listing, name);
    setBusy(false);
    if (done) close();
  };

  const entries = (listing?.entries ?? []).filter(
    (e) => e.kind === 'directory' || e.name.toLowerCase().endsWith('.json'),
  );
  return (
    <div className="overlay" onMouseDown={close}>
      <div
        className="dialog file-dialog"
        data-testid="file-dialog"
        role="dialog"
        aria-label={mode === 'save' ? 'Save as' : 'Open'}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <h2>{mode === 'save' ? 'Save as' : 'Open'}</h2>
        <div className="file-location">
          <button
            disabled={!listing?.parent}
            onClick={() => void load(listing?.parent ?? undefined)}
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
              data-testid={`file-entry-${entry.name}`}
              className={entry.kind === 'directory' ? 'dir' : name === entry.name ? 'chosen' : undefined}
              onClick={() => (entry.kind === 'directory' ? void load(entry.fileId) : setName(entry.name))}
              onDoubleClick={() => {
                if (entry.kind === 'file' && mode === 'open')
                  void openFileById(entry.fileId, false).then((ok) => ok && close());
              }}
            >
              <span className="file-icon">{entry.kind === 'directory' ? '📁' : '📄'}</span> {entry.name}
            </li>
          ))}
          {listing && entries.length === 0 && (
            <li className="empty">No {DOCUMENT_EXTENSION} files here yet.</li>
          )}
        </ul>
        <div className="dialog-row">
          <input
            data-testid="file-dialog-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void confirm()}
            aria-label="File name"
            autoFocus
          />
        </div>
        <div className="dialog-actions">
          <button onClick={close}>Cancel</button>
          <button
            className="primary"
            data-testid="file-dialog-confirm"
            disabled={busy || name.trim() === ''}
            onClick={() => void confirm()}
          >
            {mode === 'save' ? 'Save' : 'Open'}
          </button>
        </div>
      </div>
    </div>
  );
}

async function openSelected(listing: Listing | null, name: string): Promise<boolean> {
  const entry = listing?.entries.find((e) => e.kind === 'file' && e.name === name.trim());
  if (!entry) {
    showToast('error', `No file named ${name} in this folder.`);
    return false;
  }
  return openFileById(entry.fileId, false);
}
