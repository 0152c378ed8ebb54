import { parseDocument } from '../../../core/graph/document';
import { openDocument } from '../actions/documentLifecycle';
import { confirmDiscard } from '../files/fileCommands';
import { requireApi } from '../files/hostStore';
import { viewControls } from '../files/viewControls';
import { runAction } from '../store/editorStore';
import { showToast } from '../store/uiStore';
import { importedTitle } from './modelFiles';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Imports a model file the host knows by id and shows it as a new, unsaved
 * document; the host keeps its weights as a finished run, named in the toast.
 * The caller has already passed the unsaved-changes guard. Notes (folded
 * layers, dropped details) are shown in the toast too.
 */
export async function importModelById(fileId: string): Promise<boolean> {
  try {
    const result = await requireApi().runs.importModel({ fileId });
    const parsed = parseDocument(result.document);
    if (!parsed.ok) {
      showToast('error', `Could not import ${result.name}: ${parsed.error.message}`);
      return false;
    }
    runAction(openDocument, {
      document: parsed.document,
      file: { fileId: null, name: importedTitle(result.name) },
    });
    requestAnimationFrame(() => viewControls.fitView());
    const nodes = parsed.document.nodes.length;
    const notes = result.notes.length > 0 ? ` ${result.notes.join(' ')}` : '';
    showToast(
      'info',
      `Imported ${result.name} (${result.source}, ${nodes} nodes). Imported weights kept as run ${result.runId}.${notes}`,
    );
    return true;
  } catch (error) {
    showToast('error', `Could not import the model: ${reason(error)}`);
    return false;
  }
}

/** Electron: the native open dialog hands back a file id; the import reads the file by it. */
export async function importModelWithNativeDialog(): Promise<void> {
  if (!(await confirmDiscard())) return;
  try {
    const chosen = await requireApi().file.openDialog({});
    if (chosen) await importModelById(chosen.fileId);
  } catch (error) {
    showToast('error', `Could not import the model: ${reason(error)}`);
  }
}
