import { actionForKey } from '../actions/registry';
import { isMod } from '../actions/types';
import { openFile, save, saveAs } from '../files/fileCommands';
import { runAction } from '../store/editorStore';
import { useUiStore } from '../store/uiStore';
import { modalOpen } from '../modal/modalStack';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function overlayOpen(): boolean {
  const ui = useUiStore.getState();
  return (
    modalOpen() ||
    ui.quickAddOpen ||
    ui.galleryOpen ||
    ui.shortcutsOpen ||
    ui.fileDialog !== null ||
    ui.confirm !== null
  );
}

/** The shortcuts handled here rather than by an action, as the shortcut sheet lists them. */
export const APP_SHORTCUTS: readonly { readonly keys: string; readonly label: string }[] = [
  { keys: 'Ctrl+S', label: 'Save' },
  { keys: 'Ctrl+Shift+S', label: 'Save as…' },
  { keys: 'Ctrl+O', label: 'Open…' },
  {
    keys: '/ or Ctrl+K',
    label: 'Quick-add a layer (into the selected connection, or after the selected layer)',
  },
  { keys: 'Shift+click, Ctrl+click', label: 'Add a layer or connection to the selection' },
  { keys: 'Shift+drag', label: 'Select with a box' },
  { keys: 'Enter', label: 'Add the focused palette layer' },
  { keys: 'Escape', label: 'Close the open dialog' },
  { keys: '?', label: 'Show these shortcuts' },
];

/** The editor's global shortcuts; keys typed into fields and dialogs are left alone. */
export function handleEditorKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || isTyping(event.target) || overlayOpen()) return;
  const key = event.key.toLowerCase();
  if (isMod(event) && key === 's') {
    event.preventDefault();
    void (event.shiftKey ? saveAs() : save());
    return;
  }
  if (isMod(event) && key === 'o') {
    event.preventDefault();
    void openFile();
    return;
  }
  if (event.key === '?' && !isMod(event)) {
    event.preventDefault();
    useUiStore.setState({ shortcutsOpen: true });
    return;
  }
  if (event.key === '/' || (isMod(event) && key === 'k')) {
    event.preventDefault();
    useUiStore.setState({ quickAddOpen: true });
    return;
  }
  const action = actionForKey(event);
  if (!action) return;
  event.preventDefault();
  runAction(action);
}
