import { create } from 'zustand';
import { emptyDocument } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import { getTemplate } from '../../../core/templates/index';
import type { Action } from '../actions/types';
import { createAnalyzer } from './analysis';
import { withGraphId } from './history';
import type { Analysis, EditorState, Size } from './types';

export type EditorStore = EditorState & {
  readonly analysis: Analysis;
  /** Runs an editor action and recomputes the analysis when the graph's structure changed. */
  readonly run: <Arg>(action: Action<Arg>, arg: Arg) => void;
  /** Records rendered node sizes (React Flow needs them back on its nodes; layout uses them). */
  readonly setMeasured: (sizes: Readonly<Record<string, Size>>) => void;
};

export const STARTING_TEMPLATE = 'simple-cnn';

/** The editor opens on the simple CNN template, or an empty document if it is missing. */
export function startingDocument(): GraphDocument {
  return withGraphId(getTemplate(STARTING_TEMPLATE)?.build() ?? emptyDocument('Untitled'));
}

export function initialEditorState(document: GraphDocument): EditorState {
  return {
    document,
    savedDocument: document,
    selection: { nodeIds: [], edgeIds: [] },
    past: [],
    future: [],
    dragOrigin: null,
    clipboard: null,
    pasteCount: 0,
    file: { fileId: null, name: document.name || 'Untitled' },
    measured: {},
  };
}

/** Builds a store; the app uses the singleton below, tests make their own. */
export function createEditorStore(document: GraphDocument = startingDocument()) {
  const analyze = createAnalyzer();
  return create<EditorStore>()((set, get) => ({
    ...initialEditorState(document),
    analysis: analyze(document),
    run(action, arg) {
      const update = action.perform(get(), arg);
      if (!update) return;
      const nextDocument = update.document ?? get().document;
      set({ ...update, analysis: analyze(nextDocument) });
    },
    setMeasured(sizes) {
      const current = get().measured;
      const changed = Object.entries(sizes).some(([id, s]) => {
        const old = current[id];
        return !old || old.width !== s.width || old.height !== s.height;
      });
      if (changed) set({ measured: { ...current, ...sizes } });
    },
  }));
}

export const useEditorStore = createEditorStore();

/** Shorthand for components: `runAction(undo)` or `runAction(addNode, {...})`. */
export function runAction(action: Action<void>): void;
export function runAction<Arg>(action: Action<Arg>, arg: Arg): void;
export function runAction<Arg>(action: Action<Arg>, arg?: Arg): void {
  useEditorStore.getState().run(action, arg as Arg);
}

export function isDirty(state: EditorState): boolean {
  return state.document !== state.savedDocument;
}
