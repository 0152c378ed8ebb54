import { useState } from 'react';
import { useEditorStore } from '../store/editorStore';
import { showToast, useUiStore } from '../store/uiStore';
import { openFileById, saveToWorkspace } from './fileCommands';
import { DOCUMENT_EXTENSION, safeFileName, withDocumentExtension } from './fileNames';
import { saveAsBaseName } from './versionNotices';
import { useWorkspaceListing, WorkspaceBrowser, type WorkspaceListing } from './WorkspaceBrowser';

function close(): void {
  useUiStore.setState({ fileDialog: null });
}

/** The web host's Open / Save As: browses the host's workspace folder over `file.list`. */
export function FileDialog() {
  const mode = useUiStore((s) => s.fileDialog);
  if (!mode) return null;
  return <WorkspaceFileDialog mode={mode} />;
}

function WorkspaceFileDialog({ mode }: { mode: 'open' | 'save' }) {
  const { listing, load } = useWorkspaceListing();
  const [name, setName] = useState(() =>
    withDocumentExtension(safeFileName(saveAsBaseName(useEditorStore.getState().file))),
  );
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const done =
      mode === 'save' ? await saveToWorkspace(listing?.dir, name) : await openSelected(listing, name);
    setBusy(false);
    if (done) close();
  };

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
        <WorkspaceBrowser
          listing={listing}
          accept={isJsonFileName}
          entryTestIdPrefix="file-entry-"
          emptyText={`No ${DOCUMENT_EXTENSION} files here yet.`}
          isChosen={(entry) => entry.name === name}
          onNavigate={(dir) => void load(dir)}
          onChoose={(entry) => setName(entry.name)}
          onActivate={(entry) => {
            if (mode === 'open') void openFileById(entry.fileId, false).then((ok) => ok && close());
          }}
        />
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

/** Graph documents are JSON; other .json files are listed too, as before, so any can be tried. */
function isJsonFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.json');
}

async function openSelected(listing: WorkspaceListing | null, name: string): Promise<boolean> {
  const entry = listing?.entries.find((e) => e.kind === 'file' && e.name === name.trim());
  if (!entry) {
    showToast('error', `No file named ${name} in this folder.`);
    return false;
  }
  return openFileById(entry.fileId, false);
}
