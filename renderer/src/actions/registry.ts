import { copy } from './copy';
import { deleteSelection } from './deleteSelection';
import { paste } from './paste';
import { redo } from './redo';
import { clearSelection, selectAll } from './select';
import type { Action, KeyInput } from './types';
import { undo } from './undo';

/** The actions bound to keys; the first whose keyTest matches handles the key. */
export const KEYBOARD_ACTIONS: readonly Action[] = [
  undo,
  redo,
  copy,
  paste,
  deleteSelection,
  selectAll,
  clearSelection,
];

export function actionForKey(event: KeyInput): Action | undefined {
  return KEYBOARD_ACTIONS.find((action) => action.keyTest?.(event));
}
