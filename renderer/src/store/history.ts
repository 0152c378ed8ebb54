import type { GraphDocument } from '../../../core/graph/schema';
import type { EditorState, Selection } from './types';

/** Enough undo depth for a long session without holding unbounded snapshots. */
export const HISTORY_LIMIT = 200;

/**
 * Replaces the document and records the previous one as an undo step.
 * Snapshots are cheap: documents are immutable and share unchanged nodes.
 */
export function commitDocument(
  state: EditorState,
  document: GraphDocument,
  extra: Partial<EditorState> = {},
): Partial<EditorState> {
  if (document === state.document) return extra;
  return {
    document,
    past: [...state.past, state.document].slice(-HISTORY_LIMIT),
    future: [],
    selection: pruneSelection(extra.selection ?? state.selection, document),
    ...withoutSelection(extra),
  };
}

function withoutSelection(extra: Partial<EditorState>): Partial<EditorState> {
  const { selection: _selection, ...rest } = extra;
  return rest;
}

/** Drops selected ids that no longer exist in the document. */
export function pruneSelection(selection: Selection, document: GraphDocument): Selection {
  const nodeIds = new Set(document.nodes.map((n) => n.id));
  const edgeIds = new Set(document.edges.map((e) => e.id));
  const keptNodes = selection.nodeIds.filter((id) => nodeIds.has(id));
  const keptEdges = selection.edgeIds.filter((id) => edgeIds.has(id));
  if (keptNodes.length === selection.nodeIds.length && keptEdges.length === selection.edgeIds.length) {
    return selection;
  }
  return { nodeIds: keptNodes, edgeIds: keptEdges };
}

/**
 * A graph without an identity gets one (runs are matched to the open graph by
 * it); one that has an id keeps it, through renames and Save As.
 */
export function withGraphId(document: GraphDocument): GraphDocument {
  return document.id ? document : { ...document, id: crypto.randomUUID() };
}

/** Replaces the document without history: opening a file or a template starts a fresh timeline. */
export function resetDocument(opened: GraphDocument, file: EditorState['file']): Partial<EditorState> {
  const document = withGraphId(opened);
  return {
    document,
    savedDocument: document,
    past: [],
    future: [],
    dragOrigin: null,
    selection: { nodeIds: [], edgeIds: [] },
    pasteCount: 0,
    file,
  };
}
