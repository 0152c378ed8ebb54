import { nodeSchema, LIMITS } from '../../../core/graph/schema';
import { commitDocument } from '../store/history';
import { defineAction } from './types';

export type UpdateParamsArg = { readonly nodeId: string; readonly params: Readonly<Record<string, unknown>> };

/**
 * Replaces a node's params. The result is checked against the node type's
 * schema, so an invalid edit can never reach the document (the inspector
 * shows the message instead).
 */
export const updateParams = defineAction<UpdateParamsArg>({
  name: 'updateParams',
  label: 'Edit parameters',
  perform(state, { nodeId, params }) {
    const doc = state.document;
    const index = doc.nodes.findIndex((n) => n.id === nodeId);
    const node = doc.nodes[index];
    if (!node) return null;
    const parsed = nodeSchema.safeParse({ ...node, params });
    if (!parsed.success) return null;
    if (JSON.stringify(parsed.data.params) === JSON.stringify(node.params)) return null;
    const nodes = doc.nodes.slice();
    nodes[index] = parsed.data;
    return commitDocument(state, { ...doc, nodes });
  },
});

export type SetLabelArg = { readonly nodeId: string; readonly label: string };

/** Sets the node's display label; an empty label falls back to the type's title. */
export const setLabel = defineAction<SetLabelArg>({
  name: 'setLabel',
  label: 'Rename node',
  perform(state, { nodeId, label }) {
    const doc = state.document;
    const index = doc.nodes.findIndex((n) => n.id === nodeId);
    const node = doc.nodes[index];
    if (!node) return null;
    const trimmed = label.slice(0, LIMITS.maxNameLength);
    if ((node.label ?? '') === trimmed) return null;
    const { label: _old, ...rest } = node;
    const nodes = doc.nodes.slice();
    nodes[index] = trimmed === '' ? rest : { ...rest, label: trimmed };
    return commitDocument(state, { ...doc, nodes });
  },
});
