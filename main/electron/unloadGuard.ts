import { dialog, type BrowserWindow } from 'electron';

/**
 * The editor's beforeunload guard (unsaved changes) would otherwise cancel a
 * close or reload silently in Electron: ask, as the browser does under the web
 * host. Leaving loses nothing recent: the hot-exit backup is offered at the
 * next start.
 */
export function confirmUnsavedUnload(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'This graph has unsaved changes.',
      detail: 'If you leave now, the last backup of it is offered when Deepwire starts again.',
    });
    // preventDefault here overrides the page's guard and lets it unload.
    if (choice === 0) event.preventDefault();
  });
}
