import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { deepwireVersion } from '../train/runFolder';
import { ExportError } from './ir';
import { writeKeras, verifyKeras } from './keras';
import { encodeModel } from './onnx/onnx-proto';
import { irToOnnx } from './onnx/toOnnx';
import { verifyOnnx } from './onnx/verify';
import { writePytorch, verifyPytorch } from './pytorch';
import { exportReadme } from './readme';
import { checkBatch, loadRun, type LoadedRun } from './run';
import { verifyTfjs, writeFolderAtomic, writeTfjs } from './tfjs';
import { EXPORT_FORMATS, type ExportFormat, type ExportResult, type Verification } from './types';

export { ExportError } from './ir';
export { EXPORT_FORMATS, formatVerification, TOLERANCE, verificationFailed } from './types';
export type { ExportFormat, ExportResult, Verification } from './types';

export type ExportOptions = { format: ExportFormat; out: string };

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

async function writeFormat(run: LoadedRun, format: ExportFormat, dir: string): Promise<string[]> {
  switch (format) {
    case 'tfjs':
      return writeTfjs(run.compiled.model, dir);
    case 'onnx':
      await writeFile(join(dir, 'model.onnx'), encodeModel(irToOnnx(run.ir, await deepwireVersion())));
      return ['model.onnx'];
    case 'keras':
      return writeKeras(run.ir, dir);
    case 'pytorch':
      return writePytorch(run.ir, dir, run.settings);
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
  }
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
      names = await writeFormat(run, opts.format, temp);
      await writeFile(join(temp, 'README.md'), exportReadme(run.ir, opts.format));
    });
    const verification = await verifyFormat(run, opts.format, out);
    return { files: [...names, 'README.md'].map((name) => join(out, name)), verification };
  } finally {
    run.compiled.model.dispose();
  }
}
