import { useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { CallResponse } from '../../../core/ipc/api';
import { redo } from '../actions/redo';
import { DashboardButtons } from '../dashboard/DashboardOverlay';
import { undo } from '../actions/undo';
import {
  autoLayout,
  downloadDocument,
  importFromDisk,
  newFile,
  openFile,
  openFileById,
  save,
  saveAs,
} from '../files/fileCommands';
import { requireApi, useHostStore } from '../files/hostStore';
import { ImportModelButton } from '../export/ImportModel';
import { FIT_VIEW_OPTIONS } from '../files/viewControls';
import { isDirty, runAction, useEditorStore } from '../store/editorStore';
import { showToast, useUiStore } from '../store/uiStore';

type RecentFile = CallResponse<'file.recent'>[number];

export function Toolbar() {
  const canUndo = useEditorStore((s) => s.past.length > 0);
  const canRedo = useEditorStore((s) => s.future.length > 0);
  const isWeb = useHostStore((s) => s.info?.host === 'web');
  const { fitView } = useReactFlow();
  const importInput = useRef<HTMLInputElement>(null);

  return (
    <header className="toolbar">
      <div className="brand">Deepwire</div>
      <div className="toolbar-group">
        <button data-testid="toolbar-new" onClick={() => void newFile()} title="New graph">
          New
        </button>
        <button data-testid="toolbar-open" onClick={() => void openFile()} title="Open… (Ctrl+O)">
          Open
        </button>
        <RecentMenu />
        <ImportModelButton />
        <button data-testid="toolbar-save" onClick={() => void save()} title="Save (Ctrl+S)">
          Save
        </button>
        <button data-testid="toolbar-save-as" onClick={() => void saveAs()} title="Save as… (Ctrl+Shift+S)">
          Save As
        </button>
        {isWeb && (
          <>
            <button
              onClick={() => importInput.current?.click()}
              title="Import a .deepwire.json from this computer"
            >
              Import…
            </button>
            <input
              ref={importInput}
              type="file"
              accept=".json,application/json"
              hidden
              data-testid="import-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFromDisk(file);
              }}
            />
            <button onClick={downloadDocument} title="Download the graph as a .deepwire.json">
              Download
            </button>
          </>
        )}
      </div>
      <div className="toolbar-group">
        <button
          data-testid="toolbar-undo"
          disabled={!canUndo}
          onClick={() => runAction(undo)}
          title="Undo (Ctrl+Z)"
        >
          ↶ Undo
        </button>
        <button
          data-testid="toolbar-redo"
          disabled={!canRedo}
          onClick={() => runAction(redo)}
          title="Redo (Ctrl+Shift+Z)"
        >
          ↷ Redo
        </button>
      </div>
      <div className="toolbar-group">
        <button
          data-testid="toolbar-add"
          onClick={() => useUiStore.setState({ quickAddOpen: true })}
          title="Quick-add a layer (/ or Ctrl+K)"
        >
          + Add
        </button>
        <button data-testid="toolbar-layout" onClick={() => void autoLayout()} title="Arrange left → right">
          Auto-layout
        </button>
        <button
          data-testid="toolbar-fit"
          onClick={() => void fitView(FIT_VIEW_OPTIONS)}
          title="Fit the graph in view"
        >
          Fit view
        </button>
        <button
          data-testid="toolbar-templates"
          onClick={() => useUiStore.setState({ galleryOpen: true })}
          title="Start from a template"
        >
          Templates
        </button>
        <DashboardButtons />
      </div>
      <DocumentTitle />
    </header>
  );
}

function DocumentTitle() {
  const name = useEditorStore((s) => s.file.name);
  const dirty = useEditorStore(isDirty);
  const saved = useEditorStore((s) => s.file.fileId !== null);
  return (
    <div
      className="document-title"
      data-testid="document-title"
      data-dirty={dirty ? 'true' : 'false'}
      title={saved ? name : `${name} (not saved yet)`}
    >
      {name}
      {dirty && (
        <span className="dirty-dot" aria-label="unsaved changes">
          {' '}
          ●
        </span>
      )}
    </div>
  );
}

function RecentMenu() {
  const [items, setItems] = useState<RecentFile[] | null>(null);
  const toggle = async () => {
    if (items) {
      setItems(null);
      return;
    }
    try {
      setItems(await requireApi().file.recent({}));
    } catch (e) {
      showToast('error', `Could not read recent files: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="menu-anchor">
      <button data-testid="toolbar-recent" onClick={() => void toggle()} title="Recent files">
        Recent ▾
      </button>
      {items && (
        <ul className="menu" onMouseLeave={() => setItems(null)}>
          {items.length === 0 && <li className="empty">No recent files</li>}
          {items.map((item) => (
            <li key={item.fileId}>
              <button
                data-testid={`recent-${item.name}`}
                title={item.location}
                onClick={() => {
                  setItems(null);
                  void openFileById(item.fileId);
                }}
              >
                {item.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
