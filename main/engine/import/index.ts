import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ImportError } from './errors';
import { importKeras, importKerasJson, readCapped } from './keras';
import { importOnnx } from './onnx';
import { importTfjs } from './tfjs';
import type { ImportResult } from './spec';

export { ImportError, IMPORT_LIMITS } from './errors';
export type { ImportedWeights, ImportResult } from './spec';
export { writeImportedRun, SOURCE_FORMATS, type ImportedRun, type ImportedProvenance } from './importRun';

/**
 * Opens a model file as an editable Deepwire graph with its weights:
 * a TF.js model folder or model.json, a Keras `.keras` file or Keras JSON
 * config, or an `.onnx` file. Nothing from the file is executed.
 */
export async function importModel(path: string): Promise<ImportResult> {
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
