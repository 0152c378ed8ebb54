import { LIMITS } from '../../../core/graph/schema';
import { commitDocument } from '../store/history';
import { defineAction } from './types';

/** Renames the graph (the document's `name`, which runs, exports and history show); one undo step. */
export const renameGraph = defineAction<string>({
  name: 'renameGraph',
  label: 'Rename graph',
  perform(state, name) {
    const trimmed = name.trim().slice(0, LIMITS.maxNameLength);
    if (trimmed === '' || trimmed === state.document.name) return null;
    return commitDocument(state, { ...state.document, name: trimmed });
  },
});
