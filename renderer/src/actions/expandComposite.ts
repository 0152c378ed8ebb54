import { expandNode } from '../../../core/graph/expand';
import { isComposite } from '../../../core/graph/schema';
import { commitDocument } from '../store/history';
import { defineAction } from './types';

/** Replaces a composite (residual stage, VGG block) by its primitives, in place. */
export const expandComposite = defineAction<{ readonly nodeId: string }>({
  name: 'expandComposite',
  label: 'Expand',
  perform(state, { nodeId }) {
    const node = state.document.nodes.find((n) => n.id === nodeId);
    if (!node || !isComposite(node)) return null;
    const document = expandNode(state.document, nodeId);
    if (document === state.document) return null;
    const expanded = document.nodes.filter((n) => n.group?.id === nodeId).map((n) => n.id);
    return commitDocument(state, document, { selection: { nodeIds: expanded, edgeIds: [] } });
  },
});
