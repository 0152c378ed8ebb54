import { useState } from 'react';
import { requireApi, usesNativeDialogs } from '../files/hostStore';
import { useWorkspaceListing, WorkspaceBrowser, type WorkspaceEntry } from '../files/WorkspaceBrowser';
import { DatasetSamples } from '../insight/DatasetSamples';
import { showToast } from '../store/uiStore';
import { isCsvName, workspaceDatasetSpec, type DatasetFileKind } from './datasetChoice';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Choose folder…" / "Choose CSV…": the desktop app opens a native dialog and
 * the host grants exactly the picked path; the web host browses its workspace.
 */
export function DatasetChooser({ disabled, onPick }: { disabled: boolean; onPick: (spec: string) => void }) {
  const [browsing, setBrowsing] = useState<DatasetFileKind | null>(null);

  const choose = async (kind: DatasetFileKind) => {
    if (!usesNativeDialogs()) {
      setBrowsing(kind);
      return;
    }
    try {
      const picked = await requireApi().file.datasetDialog({ kind });
      if (picked) onPick(picked.spec);
    } catch (error) {
      showToast('error', `Could not choose a dataset: ${message(error)}`);
    }
  };

  return (
    <span className="dataset-chooser">
      <button
        type="button"
        data-testid="dataset-choose-folder"
        disabled={disabled}
        onClick={() => void choose('folder')}
      >
        Choose folder…
      </button>
      <button
        type="button"
        data-testid="dataset-choose-csv"
        disabled={disabled}
        onClick={() => void choose('csv')}
      >
        Choose CSV…
      </button>
      {browsing && <WorkspaceDatasetDialog kind={browsing} onPick={onPick} close={() => setBrowsing(null)} />}
    </span>
  );
}

/** The web host's picker: a folder is taken as listed, a CSV file by clicking it; Preview shows its classes first. */
function WorkspaceDatasetDialog({
  kind,
  onPick,
  close,
}: {
  kind: DatasetFileKind;
  onPick: (spec: string) => void;
  close: () => void;
}) {
  const { listing, load } = useWorkspaceListing();
  const [chosen, setChosen] = useState<WorkspaceEntry | null>(null);
  const target = kind === 'folder' ? listing?.dir : chosen?.fileId;
  const targetSpec = target ? workspaceDatasetSpec(kind, target) : null;
  const [previewSpec, setPreviewSpec] = useState<string | null>(null);

  const confirm = () => {
    if (!target) return;
    onPick(workspaceDatasetSpec(kind, target));
    close();
  };

  return (
    <div className="overlay" onMouseDown={close}>
      <div
        className="dialog file-dialog"
        data-testid="dataset-dialog"
        role="dialog"
        aria-label={kind === 'folder' ? 'Choose a dataset folder' : 'Choose a CSV dataset'}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <h2>{kind === 'folder' ? 'Choose a dataset folder' : 'Choose a CSV dataset'}</h2>
        <WorkspaceBrowser
          listing={listing}
          accept={kind === 'csv' ? isCsvName : () => false}
          entryTestIdPrefix="dataset-entry-"
          emptyText={kind === 'csv' ? 'No .csv files here.' : 'No folders inside this one.'}
          isChosen={(entry) => entry.fileId === chosen?.fileId}
          onNavigate={(dir) => {
            setChosen(null);
            void load(dir);
          }}
          onChoose={setChosen}
          onActivate={(entry) => {
            onPick(workspaceDatasetSpec(kind, entry.fileId));
            close();
          }}
        />
        {previewSpec && previewSpec === targetSpec && (
          <div className="dataset-chooser-preview" data-testid="dataset-dialog-preview">
            <DatasetSamples spec={previewSpec} perClass={4} size={32} />
          </div>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            data-testid="dataset-dialog-preview-button"
            disabled={!targetSpec}
            title="Show a few pictures of each class, as training would read them"
            onClick={() => setPreviewSpec(targetSpec)}
          >
            Preview
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            data-testid="dataset-dialog-confirm"
            disabled={!target}
            onClick={confirm}
          >
            {kind === 'folder' ? 'Use this folder' : 'Use this file'}
          </button>
        </div>
      </div>
    </div>
  );
}
