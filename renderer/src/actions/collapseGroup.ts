import { collapseGroup as collapseInDocument } from '../../../core/graph/expand';
import { commitDocument } from '../store/history';
import { defineAction } from './types';

/** Folds the primitives of an expanded composite back into the composite node. */
export const collapseGroup = defineAction<{ readonly groupId: string }>({
  name: 'collapseGroup',
  label: 'Collapse',
  perform(state, { groupId }) {
    if (!state.document.nodes.some((n) => n.group?.id === groupId)) return null;
    const document = collapseInDocument(state.document, groupId);
    if (document === state.document) return null;
    const composite = document.nodes.some((n) => n.id === groupId) ? [groupId] : [];
    return commitDocument(state, document, { selection: { nodeIds: composite, edgeIds: [] } });
  },
});
