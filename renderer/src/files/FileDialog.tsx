import { useState } from 'react';
import { Modal } from '../modal/Modal';
import { showToast, useUiStore } from '../store/uiStore';
import { openFileById, saveToWorkspace, suggestedSaveName } from './fileCommands';
import { DOCUMENT_EXTENSION } from './fileNames';
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
  // Open starts empty: a suggested name there would name a file that may not exist.
  const [name, setName] = useState(() => (mode === 'save' ? suggestedSaveName() : ''));
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
    <Modal
      label={mode === 'save' ? 'Save as' : 'Open'}
      onClose={close}
      className="dialog file-dialog"
      testId="file-dialog"
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
          aria-label={mode === 'save' ? 'Save to this file' : 'Open this file'}
          disabled={busy || name.trim() === ''}
          onClick={() => void confirm()}
        >
          {mode === 'save' ? 'Save' : 'Open'}
        </button>
      </div>
    </Modal>
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
