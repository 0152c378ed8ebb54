import { useEffect } from 'react';
import type { BackupEntry } from '../../../core/ipc/backupContract';
import { useEditorStore } from '../store/editorStore';
import { showToast } from '../store/uiStore';
import { startHotExit, type HotExit } from './hotExit';
import { useHostStore } from './hostStore';

let active: HotExit | null = null;

const windowTimers = {
  set: (callback: () => void, delayMs: number) => window.setTimeout(callback, delayMs),
  clear: (handle: unknown) => window.clearTimeout(handle as number),
};

/** Mounted once in the app root: backs up the unsaved document and offers a backup back at start. */
export function useHotExit(): void {
  const api = useHostStore((s) => s.api);
  useEffect(() => {
    if (!api) return;
    const hotExit = startHotExit(api.backup, useEditorStore, windowTimers, (m) => showToast('error', m));
    active = hotExit;
    return () => {
      hotExit.stop();
      if (active === hotExit) active = null;
    };
  }, [api]);
}

export function restoreBackup(entry: BackupEntry): void {
  if (active?.restore(entry)) showToast('info', 'Unsaved graph restored.');
}

export function discardBackup(entry: BackupEntry): void {
  void active?.discard(entry).catch((e: unknown) => {
    showToast('error', `Could not delete the backup: ${e instanceof Error ? e.message : String(e)}`);
  });
}
