import type { CSSProperties } from 'react';
import { runAction, useEditorStore } from '../store/editorStore';
import { saveAs } from './fileCommands';
import { dismissMigratedNotice, migratedMessage } from './versionNotices';

/** A bar across the top of the canvas, under the toolbar; the stylesheet is not ours to edit, hence inline. */
const BAR: CSSProperties = {
  position: 'fixed',
  top: 52,
  left: '50%',
  transform: 'translateX(-50%)',
  zIndex: 35,
  width: 'min(720px, 94vw)',
  display: 'flex',
  gap: 10,
  alignItems: 'center',
  padding: '8px 12px',
  borderRadius: 6,
  background: 'var(--bg-raised)',
  boxShadow: '0 6px 20px rgb(0 0 0 / 45%)',
};

/** The version notices of the open file: read-only (newer version) or migrated (older version, with its .bak). */
export function FileNotices() {
  const file = useEditorStore((s) => s.file);
  if (file.readOnly) {
    return (
      <div style={{ ...BAR, border: '1px solid var(--warning)' }} data-testid="readonly-notice" role="status">
        <span style={{ flex: 1 }}>
          <strong>Read-only.</strong> {file.readOnly.reason}
        </span>
        <button data-testid="readonly-save-copy" onClick={() => void saveAs()}>
          Save a copy…
        </button>
      </div>
    );
  }
  const migrated = migratedMessage(file);
  if (!migrated) return null;
  return (
    <div style={{ ...BAR, border: '1px solid var(--ok)' }} data-testid="migrated-notice" role="status">
      <span style={{ flex: 1 }}>{migrated}</span>
      <button onClick={() => runAction(dismissMigratedNotice)} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
