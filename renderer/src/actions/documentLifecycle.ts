import { emptyDocument } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import { getTemplate } from '../../../core/templates/index';
import { resetDocument } from '../store/history';
import type { FileState } from '../store/types';
import { defineAction } from './types';

export const UNTITLED = 'Untitled';

/** A fresh empty document (the unsaved-changes guard runs before this, in the UI). */
export const newDocument = defineAction({
  name: 'newDocument',
  label: 'New',
  perform() {
    const document = emptyDocument(UNTITLED);
    return resetDocument(document, { fileId: null, name: UNTITLED });
  },
});

/** Shows a document that was opened from a file or imported: a new timeline, clean. */
export const openDocument = defineAction<{ readonly document: GraphDocument; readonly file: FileState }>({
  name: 'openDocument',
  label: 'Open',
  perform(_state, { document, file }) {
    return resetDocument(document, file);
  },
});

/** Starts from a template; not tied to a file until saved. */
export const loadTemplate = defineAction<{ readonly templateId: string }>({
  name: 'loadTemplate',
  label: 'Load template',
  perform(_state, { templateId }) {
    const template = getTemplate(templateId);
    if (!template) return null;
    const document = template.build();
    return resetDocument(document, { fileId: null, name: document.name || template.title });
  },
});

/** A graph nobody has named yet: Save As gives it the file's name. */
export function isUntitled(document: GraphDocument): boolean {
  const name = document.name.trim();
  return name === '' || name.toLowerCase() === UNTITLED.toLowerCase();
}

export type SavedArg = {
  readonly document: GraphDocument;
  readonly file: FileState;
  /** The save named an untitled graph: this is the document before it took the name. */
  readonly renamedFrom?: GraphDocument;
};

/** Records a completed save: the written document becomes the clean reference. */
export const markSaved = defineAction<SavedArg>({
  name: 'markSaved',
  label: 'Saved',
  perform(state, { document, file, renamedFrom }) {
    if (!renamedFrom) return { savedDocument: document, file };
    // Edits made while the file was being written stay, under the new name.
    const current =
      state.document === renamedFrom
        ? document
        : isUntitled(state.document)
          ? { ...state.document, name: document.name }
          : state.document;
    return { document: current, savedDocument: document, file };
  },
});
