import type { GraphDocument, GraphNode, NodeType } from '../../../core/graph/schema';
import { DEFAULT_PARAMS } from '../../../core/graph/defaults';
import type { EditorState } from '../store/types';
import type { KeyInput } from './types';

/** A small document and state for action tests: input → conv → flatten → output. */
export function nodeOf(id: string, type: NodeType, x = 0, y = 0): GraphNode {
  return { id, type, params: structuredClone(DEFAULT_PARAMS[type]), position: { x, y } } as GraphNode;
}

export function sampleDocument(): GraphDocument {
  return {
    format: 'deepwire',
    version: 1,
    name: 'sample',
    nodes: [
      nodeOf('input', 'input', 0, 0),
      nodeOf('conv', 'conv2d', 200, 0),
      nodeOf('flat', 'flatten', 400, 0),
      nodeOf('out', 'output', 600, 0),
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'conv' },
      { id: 'e2', source: 'conv', target: 'flat' },
      { id: 'e3', source: 'flat', target: 'out' },
    ],
  };
}

export function stateWith(
  document: GraphDocument = sampleDocument(),
  overrides: Partial<EditorState> = {},
): EditorState {
  return {
    document,
    savedDocument: document,
    selection: { nodeIds: [], edgeIds: [] },
    past: [],
    future: [],
    dragOrigin: null,
    clipboard: null,
    pasteCount: 0,
    file: { fileId: null, name: document.name },
    measured: {},
    ...overrides,
  };
}

/** Applies an update the way the store does (a shallow merge). */
export function applyUpdate(state: EditorState, update: Partial<EditorState> | null): EditorState {
  return update ? { ...state, ...update } : state;
}

export function key(k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput {
  return { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}
