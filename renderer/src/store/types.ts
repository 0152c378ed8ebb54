import type { GraphDocument, GraphEdge, GraphNode } from '../../../core/graph/schema';
import type { Problem } from '../../../core/graph/validate';
import type { GraphInference } from '../../../core/graph/infer';

export type Selection = { readonly nodeIds: readonly string[]; readonly edgeIds: readonly string[] };

export type Clipboard = { readonly nodes: readonly GraphNode[]; readonly edges: readonly GraphEdge[] };

/**
 * Where the document lives on disk; `fileId` is null until the first save.
 * The version notices belong to the file binding, so opening anything else
 * or saving under a new name clears them.
 */
export type FileState = {
  readonly fileId: string | null;
  readonly name: string;
  /** The file is a newer document version: editable here, but Save is refused (Save As a copy is allowed). */
  readonly readOnly?: { readonly reason: string };
  /** The file was an older version, migrated in memory on open; `backupPath` is where the host copied the original. */
  readonly migrated?: { readonly fromVersion: number; readonly backupPath: string | null };
};

export type Analysis = { readonly inference: GraphInference; readonly problems: readonly Problem[] };

export type Size = { readonly width: number; readonly height: number };

/**
 * Everything an editor action may read or change. The document is the source
 * of truth; React Flow's nodes and edges are derived from it.
 */
export type EditorState = {
  readonly document: GraphDocument;
  /** The document as last opened or saved: dirty is `document !== savedDocument`, so undoing back to it is clean. */
  readonly savedDocument: GraphDocument;
  readonly selection: Selection;
  readonly past: readonly GraphDocument[];
  readonly future: readonly GraphDocument[];
  /** The document before the drag in progress began, so a whole drag is one undo step. */
  readonly dragOrigin: GraphDocument | null;
  readonly clipboard: Clipboard | null;
  /** Consecutive pastes step further away so copies never stack exactly. */
  readonly pasteCount: number;
  readonly file: FileState;
  /** Rendered node sizes reported by React Flow: view state, never saved. */
  readonly measured: Readonly<Record<string, Size>>;
};

/** What a perform function returns: the fields it changes, or null when it does nothing. */
export type StateUpdate = Partial<EditorState> | null;

export const EMPTY_SELECTION: Selection = { nodeIds: [], edgeIds: [] };
