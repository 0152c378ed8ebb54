import { applyFix as applyFixToDocument, type Fix } from '../../../core/graph/fixes';
import { commitDocument } from '../store/history';
import { defineAction } from './types';

/** Applies a one-click fix suggested by the validator (e.g. a 1×1 projection shortcut). */
export const applyFix = defineAction<Fix>({
  name: 'applyFix',
  label: 'Apply fix',
  perform(state, fix) {
    const document = applyFixToDocument(state.document, fix);
    if (document === state.document) return null;
    const added = fix.addNodeId && document.nodes.some((n) => n.id === fix.addNodeId) ? [fix.addNodeId] : [];
    return commitDocument(state, document, { selection: { nodeIds: added, edgeIds: [] } });
  },
});
