import { actionForKey } from '../actions/registry';
import { isMod } from '../actions/types';
import { openFile, save, saveAs } from '../files/fileCommands';
import { runAction } from '../store/editorStore';
import { useUiStore } from '../store/uiStore';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function overlayOpen(): boolean {
  const ui = useUiStore.getState();
  return ui.quickAddOpen || ui.galleryOpen || ui.fileDialog !== null || ui.confirm !== null;
}

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
