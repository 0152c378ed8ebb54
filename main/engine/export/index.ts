import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { deepwireVersion } from '../train/runFolder';
import { verifyBundle, writeBundle } from './bundle';
import { ExportError } from './ir';
import { writeKeras, verifyKeras } from './keras';
import { writeOnnxInt8, verifyOnnxInt8 } from './onnx/int8';
import { encodeModel, type OnnxModel } from './onnx/onnx-proto';
import { irToOnnx } from './onnx/toOnnx';
import { verifyOnnx } from './onnx/verify';
import { writePytorch, verifyPytorch } from './pytorch';
import { PREPROCESSING_FILE, PREPROCESSING_KEY, type Preprocessing } from './preprocessing';
import { exportReadme } from './readme';
import { checkBatch, loadRun, type LoadedRun } from './run';
import { verifyTfjs, writeFolderAtomic, writeTfjs } from './tfjs';
import { EXPORT_FORMATS, type ExportFormat, type ExportResult, type Verification } from './types';

export { ExportError } from './ir';
export { EXPORT_FORMATS, formatVerification, TOLERANCE, verificationFailed } from './types';
export type { ExportFormat, ExportResult, Verification } from './types';

/** `dataset`: the host's confined spec for an int8 export's calibration and test images (default: the run's). */
export type ExportOptions = { format: ExportFormat; out: string; dataset?: string };

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The run's preprocessing as every format's metadata holds it (ONNX metadata_props, TF.js userDefinedMetadata, Keras metadata.json). */
function metadataOf(run: LoadedRun): Record<string, Preprocessing> {
  return run.preprocessing ? { [PREPROCESSING_KEY]: run.preprocessing } : {};
}

async function onnxModel(run: LoadedRun): Promise<OnnxModel> {
  const model = irToOnnx(run.ir, await deepwireVersion());
  const props = Object.entries(metadataOf(run)).map(([key, value]) => ({
    key,
    value: JSON.stringify(value),
  }));
  return { ...model, metadataProps: [...(model.metadataProps ?? []), ...props] };
}

async function onnxBytes(run: LoadedRun): Promise<Uint8Array> {
  return encodeModel(await onnxModel(run));
}

async function writeFormat(
  run: LoadedRun,
  format: ExportFormat,
  dir: string,
  source: { runDir: string; dataset?: string },
): Promise<string[]> {
  switch (format) {
    case 'tfjs':
      return writeTfjs(run.compiled.model, dir, metadataOf(run));
    case 'onnx':
      await writeFile(join(dir, 'model.onnx'), await onnxBytes(run));
      return ['model.onnx'];
    case 'keras':
      return writeKeras(run.ir, dir, metadataOf(run));
    case 'pytorch':
      return writePytorch(run.ir, dir, run.settings);
    case 'bundle':
      await writeFile(join(dir, 'model.onnx'), await onnxBytes(run));
      return ['model.onnx', ...(await writeBundle(run.ir, dir, run.preprocessing))];
    case 'onnx-int8':
      return writeOnnxInt8(run, source.runDir, await onnxModel(run), dir, source.dataset);
  }
}

async function verifyFormat(run: LoadedRun, format: ExportFormat, dir: string): Promise<Verification[]> {
  const batch = checkBatch(run.compiled, run.ir);
  switch (format) {
    case 'tfjs':
      return [await verifyTfjs(dir, batch)];
    case 'onnx':
      return [await verifyOnnx(join(dir, 'model.onnx'), batch)];
    case 'keras':
      return verifyKeras(dir, batch);
    case 'pytorch':
      return [await verifyPytorch(dir, batch)];
    case 'bundle': {
      const onnx = await verifyOnnx(join(dir, 'model.onnx'), batch);
      if (!run.preprocessing) return [onnx];
      return [onnx, await verifyBundle(dir, run.compiled.model, run.preprocessing)];
    }
    case 'onnx-int8':
      return [await verifyOnnxInt8(dir)];
  }
}

/** preprocessing.json beside the model files, unless the format writes its own (the bundle does). */
async function writePreprocessingFile(run: LoadedRun, dir: string, names: string[]): Promise<string[]> {
  if (!run.preprocessing || names.includes(PREPROCESSING_FILE)) return [];
  await writeFile(join(dir, PREPROCESSING_FILE), `${JSON.stringify(run.preprocessing, null, 2)}\n`);
  return [PREPROCESSING_FILE];
}

/**
 * Exports a finished run into the folder `out` (replaced atomically) and
 * checks the export in the same step: the files written, and each check's
 * largest output difference against the trained model on one batch, or why
 * it could not run.
 */
export async function exportRun(runDir: string, opts: ExportOptions): Promise<ExportResult> {
  if (!isExportFormat(opts.format)) throw new ExportError(`Unknown export format '${String(opts.format)}'`);
  const run = await loadRun(runDir);
  const out = resolve(opts.out);
  await mkdir(dirname(out), { recursive: true });
  try {
    let names: string[] = [];
    await writeFolderAtomic(out, async (temp) => {
      const source = { runDir, ...(opts.dataset === undefined ? {} : { dataset: opts.dataset }) };
      names = await writeFormat(run, opts.format, temp, source);
      names.push(...(await writePreprocessingFile(run, temp, names)));
      await writeFile(join(temp, 'README.md'), exportReadme(run.ir, opts.format, run.preprocessing));
    });
    const verification = await verifyFormat(run, opts.format, out);
    return { files: [...names, 'README.md'].map((name) => join(out, name)), verification };
  } finally {
    run.compiled.model.dispose();
  }
}
