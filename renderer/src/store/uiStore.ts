import { create } from 'zustand';

export type Toast = { readonly id: number; readonly kind: 'error' | 'info'; readonly message: string };

export type FileDialogMode = 'open' | 'save';

/** A question the user must answer before a destructive step (e.g. discarding unsaved changes). */
export type ConfirmRequest = {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly resolve: (confirmed: boolean) => void;
  /** A third answer beside Cancel and confirm (e.g. Save before going on). */
  readonly alternative?: { readonly label: string; readonly choose: () => void };
};

/** Transient UI state: which overlay is open, toasts. Never part of the document or its history. */
type UiState = {
  readonly quickAddOpen: boolean;
  readonly galleryOpen: boolean;
  readonly shortcutsOpen: boolean;
  readonly fileDialog: FileDialogMode | null;
  readonly confirm: ConfirmRequest | null;
  readonly toasts: readonly Toast[];
  readonly bottomTab: 'problems' | 'summary' | 'training' | 'inside';
};

export const useUiStore = create<UiState>()(() => ({
  quickAddOpen: false,
  galleryOpen: false,
  shortcutsOpen: false,
  fileDialog: null,
  confirm: null,
  toasts: [],
  bottomTab: 'problems',
}));

let nextToastId = 1;

/** Shows a message in the corner; errors stay until dismissed, info fades after a few seconds. */
export function showToast(kind: Toast['kind'], message: string): void {
  const toast = { id: nextToastId++, kind, message };
  useUiStore.setState((s) => ({ toasts: [...s.toasts.slice(-4), toast] }));
  if (kind === 'info') setTimeout(() => dismissToast(toast.id), 4000);
}

export function dismissToast(id: number): void {
  useUiStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

/** Asks in an in-app dialog; resolves true when the user confirms. */
export function askConfirm(title: string, message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    useUiStore.setState({
      confirm: {
        title,
        message,
        confirmLabel,
        resolve: (confirmed) => {
          useUiStore.setState({ confirm: null });
          resolve(confirmed);
        },
      },
    });
  });
}

export type SaveOrDiscard = 'save' | 'discard' | 'cancel';

/** The unsaved-changes question: Save first, discard, or stay. */
export function askSaveOrDiscard(title: string, message: string): Promise<SaveOrDiscard> {
  return new Promise((resolve) => {
    const answer = (choice: SaveOrDiscard) => {
      useUiStore.setState({ confirm: null });
      resolve(choice);
    };
    useUiStore.setState({
      confirm: {
        title,
        message,
        confirmLabel: 'Discard changes',
        resolve: (confirmed) => answer(confirmed ? 'discard' : 'cancel'),
        alternative: { label: 'Save', choose: () => answer('save') },
      },
    });
  });
}
