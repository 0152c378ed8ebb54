import { useState } from 'react';
import { confirmDiscard } from '../files/fileCommands';
import { usesNativeDialogs } from '../files/hostStore';
import { useWorkspaceListing, WorkspaceBrowser } from '../files/WorkspaceBrowser';
import { importModelById, importModelWithNativeDialog } from './importCommands';
import { isModelFileName } from './modelFiles';

/**
 * "Import model…" beside Open: the native dialog in Electron, the workspace
 * browser (model files only) under the web host.
 */
export function ImportModelButton() {
  const [picking, setPicking] = useState(false);
  const start = async () => {
    if (usesNativeDialogs()) return importModelWithNativeDialog();
    // The guard comes first so a declined discard never shows the picker.
    if (await confirmDiscard()) setPicking(true);
  };
  return (
    <>
      <button
        data-testid="toolbar-import-model"
        title="Import a TF.js, Keras or ONNX model as a graph"
        onClick={() => void start()}
      >
        Import model…
      </button>
      {picking && <ModelPicker onClose={() => setPicking(false)} />}
    </>
  );
}

function ModelPicker({ onClose }: { onClose: () => void }) {
  const { listing, load } = useWorkspaceListing();
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A choice belongs to the folder it was made in: walking elsewhere clears it.
  const navigate = async (dir?: string) => {
    if (await load(dir)) setChosen(null);
  };

  const open = async (fileId: string) => {
    if (busy) return;
    setBusy(true);
    const done = await importModelById(fileId);
    setBusy(false);
    if (done) onClose();
  };

  return (
    <div className="overlay" onMouseDown={() => !busy && onClose()}>
      <div
        className="dialog file-dialog"
        data-testid="import-model-dialog"
        role="dialog"
        aria-label="Import model"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <h2>Import model</h2>
        <WorkspaceBrowser
          listing={listing}
          accept={isModelFileName}
          entryTestIdPrefix="import-entry-"
          emptyText="No model files here (model.json, .keras, .onnx)."
          isChosen={(entry) => entry.fileId === chosen}
          onNavigate={(dir) => void navigate(dir)}
          onChoose={(entry) => setChosen(entry.fileId)}
          onActivate={(entry) => void open(entry.fileId)}
        />
        <div className="dialog-actions">
          <button onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            className="primary"
            data-testid="import-model-confirm"
            disabled={busy || chosen === null}
            onClick={() => chosen && void open(chosen)}
          >
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </div>
    </div>
  );
}
