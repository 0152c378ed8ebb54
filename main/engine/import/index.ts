import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseDocument } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import { ImportError } from './errors';
import { writeImportedRun } from './importRun';
import { importKeras, importKerasJson } from './keras';
import { importOnnx } from './onnx';
import { withPreprocessing } from './preprocessing';
import { readCapped } from './read';
import { importTfjs } from './tfjs';
import type { ImportResult } from './spec';

export { ImportError, IMPORT_LIMITS } from './errors';
export type { ImportedWeights, ImportResult } from './spec';
export { writeImportedRun, SOURCE_FORMATS, type ImportedRun, type ImportedProvenance } from './importRun';

/** What an import hands back once its weights are kept as a run: the graph, never the weights. */
export type ImportedModel = {
  document: GraphDocument;
  source: ImportResult['source'];
  notes: string[];
  runId: string;
};

/**
 * `importModel`, the document checked through the schema (a bug in an
 * importer must not reach the editor), then the weights written as a
 * finished run under `runsDir`. Runs in the export process for the hosts:
 * parsing a large model holds the CPU and memory for a while.
 */
export async function importToRun(path: string, runsDir: string, fileName: string): Promise<ImportedModel> {
  const result = await importModel(path);
  const checked = parseDocument(result.document);
  if (!checked.ok)
    throw new ImportError(
      `the imported graph is not valid${checked.error.path ? ` at '${checked.error.path}'` : ''}: ${checked.error.message}`,
    );
  const { runId } = await writeImportedRun(runsDir, { ...result, document: checked.document }, { fileName });
  return { document: checked.document, source: result.source, notes: result.notes, runId };
}

/**
 * Opens a model file as an editable Deepwire graph with its weights:
 * a TF.js model folder or model.json, a Keras `.keras` file or Keras JSON
 * config, or an `.onnx` file, with the preprocessing it carries (or a note
 * that it assumes none). Nothing from the file is executed.
 */
export async function importModel(path: string): Promise<ImportResult> {
  const result = await withPreprocessing(await readModelFile(path), path);
  // A new graph: its identity is in the run kept for its weights and in the document the editor opens.
  return { ...result, document: { ...result.document, id: result.document.id ?? randomUUID() } };
}

async function readModelFile(path: string): Promise<ImportResult> {
  const info = await stat(path).catch(() => {
    throw new ImportError(`Not found: ${path}`);
  });
  if (info.isDirectory()) return importTfjs(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.keras') return importKeras(path);
  if (ext === '.onnx') return importOnnx(path);
  if (ext === '.json') {
    const head = new TextDecoder().decode(
      (await readCapped(path, 64 * 1024 * 1024, basename(path))).slice(0, 4096),
    );
    return head.includes('"weightsManifest"') || head.includes('"modelTopology"')
      ? importTfjs(path)
      : importKerasJson(path);
  }
  throw new ImportError(
    `Unrecognised model file '${basename(path)}': expected a folder, model.json, .keras, .json or .onnx`,
  );
}
