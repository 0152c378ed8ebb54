import { useEffect, useRef, useState, type ReactNode } from 'react';
import { pushModal } from './modalStack';

export type ModalProps = {
  /** The dialog's accessible name. */
  readonly label: string;
  /** Escape, the backdrop (when `closeOnBackdrop`), or the dialog's own buttons. */
  readonly onClose: () => void;
  readonly className?: string;
  readonly testId?: string;
  readonly role?: 'dialog' | 'alertdialog';
  /** The dimmed layer under the dialog; it takes every click outside the dialog. */
  readonly backdropClassName?: string;
  readonly closeOnBackdrop?: boolean;
  readonly children: ReactNode;
};

/**
 * A modal dialog: focus moves into it and stays there, Escape closes it, and
 * everything under it is inert until it closes (so no second dialog can be
 * opened from the toolbar beneath).
 */
export function Modal(props: ModalProps) {
  const { onClose } = props;
  const ref = useRef<HTMLDivElement>(null);
  // Captured while rendering, before an autofocused child takes the focus.
  const [returnFocus] = useState(() => document.activeElement);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return pushModal(element, () => closeRef.current(), returnFocus);
  }, [returnFocus]);
  return (
    <div
      className={props.backdropClassName ?? 'overlay'}
      data-testid={props.testId ? `${props.testId}-backdrop` : undefined}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && props.closeOnBackdrop !== false) onClose();
      }}
    >
      <div
        ref={ref}
        className={props.className ?? 'dialog'}
        data-testid={props.testId}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-label={props.label}
        tabIndex={-1}
      >
        {props.children}
      </div>
    </div>
  );
}
