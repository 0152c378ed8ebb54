import { parseDocument, serializeDocument } from '../../../core/graph/document';
import { applyLayout } from '../actions/autoLayout';
import { isUntitled, loadTemplate, markSaved, newDocument, openDocument } from '../actions/documentLifecycle';
import { computeLayout } from '../layout/elkLayout';
import { isDirty, runAction, useEditorStore } from '../store/editorStore';
import { askSaveOrDiscard, showToast, useUiStore } from '../store/uiStore';
import { displayName, safeFileName, withDocumentExtension } from './fileNames';
import { requireApi, usesNativeDialogs } from './hostStore';
import { viewControls } from './viewControls';
import { confirmCopyOfNewer, openedFileState, saveAsBaseName, type OpenedFile } from './versionNotices';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Asks before anything would throw away unsaved edits (Save, Discard or Cancel); true means go ahead. */
export async function confirmDiscard(): Promise<boolean> {
  const state = useEditorStore.getState();
  if (!isDirty(state)) return true;
  const answer = await askSaveOrDiscard(
    'Unsaved changes',
    `“${state.document.name || state.file.name}” has unsaved changes. Save them first?`,
  );
  if (answer === 'cancel') return false;
  if (answer === 'discard') return true;
  await save();
  // Save As of a new graph goes on in its own dialog; the user repeats the step once it is saved.
  return !isDirty(useEditorStore.getState());
}

export async function newFile(): Promise<void> {
  if (!(await confirmDiscard())) return;
  runAction(newDocument);
  viewControls.resetView();
}

/**
 * Parses and shows a file; a bad file is reported with its name and field,
 * and the current document stays. A newer version opens read-only and an
 * older one migrated, each with its notice (FileNotices).
 */
export function showOpenedFile(opened: OpenedFile): boolean {
  const result = parseDocument(opened.text, { allowNewer: true });
  if (!result.ok) {
    const where = result.error.path ? ` (field ${result.error.path})` : '';
    showToast('error', `Could not open ${opened.name}${where}: ${result.error.message}`);
    return false;
  }
  runAction(openDocument, { document: result.document, file: openedFileState(opened, result) });
  requestAnimationFrame(() => viewControls.fitView());
  return true;
}

export async function openFile(): Promise<void> {
  if (!(await confirmDiscard())) return;
  if (!usesNativeDialogs()) {
    useUiStore.setState({ fileDialog: 'open' });
    return;
  }
  try {
    const opened = await requireApi().file.openDialog({});
    if (opened) showOpenedFile(opened);
  } catch (e) {
    showToast('error', `Could not open the file: ${reason(e)}`);
  }
}

/** Opens a file the host already knows (recent list, workspace browser). */
export async function openFileById(fileId: string, guard = true): Promise<boolean> {
  if (guard && !(await confirmDiscard())) return false;
  try {
    return showOpenedFile(await requireApi().file.read({ fileId }));
  } catch (e) {
    showToast('error', `Could not open ${fileId}: ${reason(e)}`);
    return false;
  }
}

/**
 * Writes the current document; on failure the document stays as it is,
 * unsaved. A new file (Save As) gives an untitled graph the file's name.
 */
export async function writeDocument(fileId: string, fileName: string, asNewFile = false): Promise<boolean> {
  const current = useEditorStore.getState().document;
  const renamed = asNewFile && isUntitled(current);
  const document = renamed ? { ...current, name: displayName(fileName) } : current;
  try {
    await requireApi().file.write({ fileId, text: serializeDocument(document) });
  } catch (e) {
    showToast('error', `Could not save ${fileName}: ${reason(e)}`);
    return false;
  }
  const file = { fileId, name: displayName(fileName) };
  runAction(markSaved, renamed ? { document, file, renamedFrom: current } : { document, file });
  showToast('info', `Saved ${fileName}`);
  return true;
}

/** The name Save As suggests: the file's, or for a graph never saved, the graph's own name. */
export function suggestedSaveName(): string {
  const { file, document } = useEditorStore.getState();
  const base = file.fileId === null && !isUntitled(document) ? document.name : saveAsBaseName(file);
  return withDocumentExtension(safeFileName(base));
}

export async function save(): Promise<void> {
  const { fileId, name, readOnly } = useEditorStore.getState().file;
  if (readOnly) {
    // The host refuses too; saying it here names the reason and the way out (Save As).
    showToast('error', `Save is disabled: ${readOnly.reason}`);
    return;
  }
  if (fileId) await writeDocument(fileId, withDocumentExtension(name));
  else await saveAs();
}

export async function saveAs(): Promise<void> {
  if (!(await confirmCopyOfNewer(useEditorStore.getState().file))) return;
  if (!usesNativeDialogs()) {
    useUiStore.setState({ fileDialog: 'save' });
    return;
  }
  try {
    const chosen = await requireApi().file.saveDialog({ suggestedName: suggestedSaveName() });
    if (chosen) await writeDocument(chosen.fileId, chosen.name, true);
  } catch (e) {
    showToast('error', `Could not save: ${reason(e)}`);
  }
}

/** Save As under the web host: a new file in a workspace folder. */
export async function saveToWorkspace(dir: string | undefined, name: string): Promise<boolean> {
  const fileName = withDocumentExtension(safeFileName(name));
  try {
    const created = await requireApi().file.create(dir ? { dir, name: fileName } : { name: fileName });
    return await writeDocument(created.fileId, created.name, true);
  } catch (e) {
    showToast('error', `Could not save ${fileName}: ${reason(e)}`);
    return false;
  }
}

/** Browser convenience: read a file picked with <input type=file>. */
export async function importFromDisk(file: File): Promise<void> {
  if (!(await confirmDiscard())) return;
  showOpenedFile({ fileId: null, name: file.name, text: await file.text() });
}

/** Browser convenience: the document as a downloaded .deepwire.json. */
export function downloadDocument(): void {
  const state = useEditorStore.getState();
  const blob = new Blob([serializeDocument(state.document)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = withDocumentExtension(safeFileName(state.file.name));
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Lays the graph out left → right with ELK; after a load it is part of the load (no undo step). */
export async function autoLayout(partOfLoad = false): Promise<void> {
  const { document, measured } = useEditorStore.getState();
  try {
    const canvas = window.document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const aspect = canvas && canvas.height > 0 ? canvas.width / canvas.height : undefined;
    const positions = await computeLayout(document, measured, aspect);
    // The user may have loaded something else meanwhile: only lay out the document we measured.
    if (useEditorStore.getState().document.nodes !== document.nodes) return;
    runAction(applyLayout, { positions, partOfLoad });
    requestAnimationFrame(() => viewControls.fitView());
  } catch (e) {
    showToast('error', `Auto-layout failed: ${reason(e)}`);
  }
}

export async function openTemplate(templateId: string): Promise<void> {
  if (!(await confirmDiscard())) return;
  runAction(loadTemplate, { templateId });
  useUiStore.setState({ galleryOpen: false });
  await autoLayout(true);
}
