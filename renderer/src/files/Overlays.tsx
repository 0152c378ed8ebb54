import { Modal } from '../modal/Modal';
import { dismissToast, useUiStore } from '../store/uiStore';
import { FileNotices } from './FileNotices';

/** The in-app confirm dialog (unsaved-changes guard): modal, Escape answers Cancel. */
export function ConfirmDialog() {
  const request = useUiStore((s) => s.confirm);
  if (!request) return null;
  return (
    <Modal
      label={request.title}
      onClose={() => request.resolve(false)}
      className="dialog confirm-dialog"
      testId="confirm-dialog"
      role="alertdialog"
    >
      <h2>{request.title}</h2>
      <p>{request.message}</p>
      <div className="dialog-actions">
        <button autoFocus onClick={() => request.resolve(false)}>
          Cancel
        </button>
        <button className="danger" data-testid="confirm-accept" onClick={() => request.resolve(true)}>
          {request.confirmLabel}
        </button>
        {request.alternative && (
          <button className="primary" data-testid="confirm-alternative" onClick={request.alternative.choose}>
            {request.alternative.label}
          </button>
        )}
      </div>
    </Modal>
  );
}

/** Messages to the user: the open file's version notices (a bar) and the toasts (a corner stack). */
export function Toasts() {
  const toasts = useUiStore((s) => s.toasts);
  return (
    <>
      <FileNotices />
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div
            key={t.id}
            className={`toast toast-${t.kind}`}
            data-testid="toast"
            data-kind={t.kind}
            role={t.kind === 'error' ? 'alert' : 'status'}
          >
            <span>{t.message}</span>
            <button onClick={() => dismissToast(t.id)} aria-label="Dismiss">
              ✕
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
