import { pruneSelection } from '../store/history';
import { defineAction, isMod } from './types';

export const redo = defineAction({
  name: 'redo',
  label: 'Redo',
  keys: 'Ctrl+Y or Ctrl+Shift+Z',
  keyTest: (e) =>
    (isMod(e) && e.shiftKey && e.key.toLowerCase() === 'z') ||
    (isMod(e) && !e.shiftKey && e.key.toLowerCase() === 'y'),
  perform(state) {
    const next = state.future[0];
    if (!next) return null;
    return {
      document: next,
      past: [...state.past, state.document],
      future: state.future.slice(1),
      selection: pruneSelection(state.selection, next),
      dragOrigin: null,
    };
  },
});
