import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/** What a menu click asks the renderer to do (see renderer/src/app/menuActions.ts). */
export type MenuAction =
  | 'file.new'
  | 'file.open'
  | 'file.save'
  | 'file.saveAs'
  | 'edit.undo'
  | 'edit.redo'
  | 'view.fit'
  | 'view.layout';

/** A recent file offered in File › Open Recent; clicking sends `recent:<fileId>`. */
export interface RecentMenuEntry {
  label: string;
  fileId: string;
}

export const RECENT_ACTION_PREFIX = 'recent:';

/**
 * The application menu. Editor shortcuts are handled by the page itself (so
 * they work in the browser too); here they are shown but not registered, so a
 * key press never runs an action twice.
 */
export function buildMenu(send: (action: string) => void, recent: readonly RecentMenuEntry[]): Menu {
  const item = (label: string, action: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(action),
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('New', 'file.new', 'CmdOrCtrl+N'),
        item('Open…', 'file.open', 'CmdOrCtrl+O'),
        {
          label: 'Open Recent',
          enabled: recent.length > 0,
          submenu: recent.map((entry) => ({
            label: entry.label,
            click: () => send(`${RECENT_ACTION_PREFIX}${entry.fileId}`),
          })),
        },
        { type: 'separator' },
        item('Save', 'file.save', 'CmdOrCtrl+S'),
        item('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        item('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
        item('Redo', 'edit.redo', 'CmdOrCtrl+Shift+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        item('Fit View', 'view.fit', 'CmdOrCtrl+0'),
        item('Auto Layout', 'view.layout', 'CmdOrCtrl+L'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
