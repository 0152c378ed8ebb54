import { pruneSelection } from '../store/history';
import { defineAction, isMod } from './types';

export const undo = defineAction({
  name: 'undo',
  label: 'Undo',
  keys: 'Ctrl+Z',
  keyTest: (e) => isMod(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
  perform(state) {
    const previous = state.past.at(-1);
    if (!previous) return null;
    return {
      document: previous,
      past: state.past.slice(0, -1),
      future: [state.document, ...state.future],
      selection: pruneSelection(state.selection, previous),
      dragOrigin: null,
    };
  },
});
