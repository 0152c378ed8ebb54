import { useBackupOffer } from './hotExit';
import { discardBackup, restoreBackup } from './useHotExit';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** Offers back the graph a crashed or killed session left unsaved. Not modal: editing goes on meanwhile. */
export function BackupOffer() {
  const offer = useBackupOffer((s) => s.offer);
  if (!offer) return null;
  return (
    <div className="dialog backup-offer" data-testid="backup-offer" role="alertdialog">
      <p>Restore unsaved graph from {when(offer.savedAt)}?</p>
      <div className="dialog-actions">
        <button data-testid="backup-discard" onClick={() => discardBackup(offer)}>
          Discard
        </button>
        <button data-testid="backup-restore" className="primary" onClick={() => restoreBackup(offer)}>
          Restore
        </button>
      </div>
    </div>
  );
}
