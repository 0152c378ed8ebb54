import { useCallback, useEffect, useState } from 'react';
import type { CallResponse } from '../../../core/ipc/api';
import { confirmDiscard } from '../files/fileCommands';
import { requireApi, usesNativeDialogs } from '../files/hostStore';
import { showToast } from '../store/uiStore';
import { importModelById, importModelWithNativeDialog } from './importCommands';
import { isModelFileName } from './modelFiles';

type Listing = CallResponse<'file.list'>;

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
  const [listing, setListing] = useState<Listing | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (dir?: string) => {
    try {
      setListing(await requireApi().file.list(dir ? { dir } : {}));
      setChosen(null);
    } catch (e) {
      showToast('error', `Could not list the workspace: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async (fileId: string) => {
    if (busy) return;
    setBusy(true);
    const done = await importModelById(fileId);
    setBusy(false);
    if (done) onClose();
  };

  const entries = (listing?.entries ?? []).filter((e) => e.kind === 'directory' || isModelFileName(e.name));
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
              data-testid={`import-entry-${entry.name}`}
              className={entry.kind === 'directory' ? 'dir' : chosen === entry.fileId ? 'chosen' : undefined}
              onClick={() => (entry.kind === 'directory' ? void load(entry.fileId) : setChosen(entry.fileId))}
              onDoubleClick={() => entry.kind === 'file' && void open(entry.fileId)}
            >
              <span className="file-icon">{entry.kind === 'directory' ? '📁' : '📄'}</span> {entry.name}
            </li>
          ))}
          {listing && entries.length === 0 && (
            <li className="empty">No model files here (model.json, .keras, .onnx).</li>
          )}
        </ul>
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
