import { applyFix as applyFixToDocument, type Fix } from '../../../core/graph/fixes';
import { commitDocument } from '../store/history';
import { defineAction } from './types';

/**
 * Applies a one-click fix suggested by the validator (a 1×1 projection or
 * zero-padding shortcut, an inserted flatten) and selects what it added.
 */
export const applyFix = defineAction<Fix>({
  name: 'applyFix',
  label: 'Apply fix',
  perform(state, fix) {
    const document = applyFixToDocument(state.document, fix);
    if (document === state.document) return null;
    const before = new Set(state.document.nodes.map((n) => n.id));
    const added = document.nodes.filter((n) => !before.has(n.id)).map((n) => n.id);
    return commitDocument(state, document, { selection: { nodeIds: added, edgeIds: [] } });
  },
});
