import { redo } from '../actions/redo';
import { undo } from '../actions/undo';
import { autoLayout, newFile, openFile, save, saveAs } from '../files/fileCommands';
import { viewControls } from '../files/viewControls';
import { runAction } from '../store/editorStore';

/** What the Electron menu's `menu.action` names do here. */
export const MENU_ACTIONS: Readonly<Record<string, () => void>> = {
  'file.new': () => void newFile(),
  'file.open': () => void openFile(),
  'file.save': () => void save(),
  'file.saveAs': () => void saveAs(),
  'edit.undo': () => runAction(undo),
  'edit.redo': () => runAction(redo),
  'view.fit': () => viewControls.fitView(),
  'view.layout': () => void autoLayout(),
};
