import { useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { CallResponse } from '../../../core/ipc/api';
import { UNTITLED } from '../actions/documentLifecycle';
import { redo } from '../actions/redo';
import { renameGraph } from '../actions/renameGraph';
import { LIMITS } from '../../../core/graph/schema';
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
        <button
          data-testid="toolbar-save"
          aria-label="Save graph"
          onClick={() => void save()}
          title="Save (Ctrl+S)"
        >
          Save
        </button>
        <button
          data-testid="toolbar-save-as"
          aria-label="Save graph as…"
          onClick={() => void saveAs()}
          title="Save as… (Ctrl+Shift+S)"
        >
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
          title="Redo (Ctrl+Y or Ctrl+Shift+Z)"
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

/** The graph's name in the title bar; double-click (or Enter on it) to rename, one undo step. */
function DocumentTitle() {
  const name = useEditorStore((s) => s.document.name) || UNTITLED;
  const fileName = useEditorStore((s) => s.file.name);
  const dirty = useEditorStore(isDirty);
  const saved = useEditorStore((s) => s.file.fileId !== null);
  const [editing, setEditing] = useState(false);
  if (editing) {
    const finish = (value: string | null) => {
      setEditing(false);
      if (value !== null) runAction(renameGraph, value);
    };
    return (
      <input
        className="document-title-input"
        data-testid="document-title-input"
        aria-label="Graph name"
        defaultValue={name}
        maxLength={LIMITS.maxNameLength}
        autoFocus
        onFocus={(e) => e.target.select()}
        onBlur={(e) => finish(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') finish(e.currentTarget.value);
          else if (e.key === 'Escape') finish(null);
          else return;
          e.preventDefault();
        }}
      />
    );
  }
  return (
    <div
      className="document-title"
      data-testid="document-title"
      data-dirty={dirty ? 'true' : 'false'}
      role="button"
      tabIndex={0}
      aria-label={`Graph name: ${name}. Press Enter to rename`}
      title={`${saved ? `File: ${fileName}` : 'Not saved yet'}. Double-click to rename the graph.`}
      onDoubleClick={() => setEditing(true)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        setEditing(true);
      }}
    >
      {name}
      {fileName !== name && <span className="document-file"> — {fileName}</span>}
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
