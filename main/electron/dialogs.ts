import { BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { CallSender, NativeDialogs } from '../services/fileStore';

const FILTERS = [
  { name: 'Deepwire graph', extensions: ['deepwire.json', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

function parentOf(sender: CallSender): BrowserWindow | undefined {
  return sender.windowId === undefined ? undefined : (BrowserWindow.fromId(sender.windowId) ?? undefined);
}

/** The native open/save dialogs, parented on the calling window; paths stay in main. */
export function createNativeDialogs(defaultDir: () => string): NativeDialogs {
  return {
    async open(sender) {
      const options: OpenDialogOptions = {
        title: 'Open graph',
        defaultPath: defaultDir(),
        properties: ['openFile'],
        filters: FILTERS,
      };
      const parent = parentOf(sender);
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async save(suggestedName, sender) {
      const name = suggestedName.endsWith('.json') ? suggestedName : `${suggestedName}.deepwire.json`;
      const options: SaveDialogOptions = {
        title: 'Save graph',
        defaultPath: `${defaultDir()}/${name.replace(/[\\/]/g, '-')}`,
        filters: FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = parentOf(sender);
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async openDataset(what, sender) {
      const options: OpenDialogOptions = {
        title: what === 'folder' ? 'Choose dataset folder' : 'Choose dataset CSV file',
        defaultPath: defaultDir(),
        properties: what === 'folder' ? ['openDirectory'] : ['openFile'],
        ...(what === 'file' ? { filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] } : {}),
      };
      const parent = parentOf(sender);
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
