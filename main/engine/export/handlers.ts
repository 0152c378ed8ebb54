import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parseDocument } from '../../../core/graph/document';
import type { CallRequest, CallResponse } from '../../../core/ipc/contract';
import { MAX_IMPORT_NOTES } from '../../../core/ipc/exportContract';
import { HostError } from '../../services/errors';
import type { FileStore } from '../../services/fileStore';
import { ImportError } from '../import';
import { ProcessLimiter } from '../process/limiter';
import { confinedRunDataset, type ConfineDataset } from '../train/runDataset';
import { RUN_ID_PATTERN } from '../train/runFolder';
import { toWireVerification } from './wire';
import { exportRunInChild, importToRunInChild, type ImportRunner } from './exportProcess';
import { ExportError, TOLERANCE, type exportRun } from './index';

type ExportChannel = 'runs.export' | 'runs.importModel';
export type ExportHandlers = {
  [C in ExportChannel]: (request: CallRequest<C>) => Promise<CallResponse<C>>;
};

/** How the handlers reach the host's files: the same ids the file browser and dialogs hand out. */
export { toWireVerification } from './wire';

export type ModelFileAccess = Pick<FileStore, 'pathForRead' | 'idFor'>;

export interface ExportHandlerOptions {
  runsDir: string;
  /** Without it (CLI hosts) `runs.importModel` answers `unsupported` and exports carry no fileId. */
  files?: ModelFileAccess;
  /** Default: the engine's exporter, in a child process per export. */
  exportRun?: typeof exportRun;
  /** Default: the engine's importer, in the export worker (a child process per import). */
  importModel?: ImportRunner;
  /** The host's dataset confinement: an int8 export reads the run's dataset only through it. */
  confineDataset?: ConfineDataset;
}

/** Messages name files by their base name: absolute paths never cross the boundary. */
function withoutPaths(message: string, path: string, shown: string): string {
  return message
    .split(path)
    .join(shown)
    .split(dirname(path) + sep)
    .join('');
}

/**
 * `runs.export` and `runs.importModel`, served by the training service.
 * Both run in a child process per call: a ResNet-20's compile and checks, or
 * parsing a 50M-parameter model, hold the CPU for seconds, which would stall
 * the host's sockets. Exports run one at a time.
 */
export function createExportHandlers(opts: ExportHandlerOptions): ExportHandlers {
  const doExport = opts.exportRun ?? exportRunInChild;
  const doImport = opts.importModel ?? importToRunInChild;
  // One export and one import process at a time; more wait their turn.
  const exports = new ProcessLimiter(1);
  const imports = new ProcessLimiter(1);

  return {
    'runs.export': async ({ runId, format }) => {
      if (!RUN_ID_PATTERN.test(runId)) throw new HostError('bad-request', 'invalid run id', 'runId');
      const runDir = join(opts.runsDir, runId);
      const isDir = await stat(runDir).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isDir) throw new HostError('not-found', `no run '${runId}'`, 'runId');
      const out = join(runDir, 'exports', format);
      // int8 calibrates on the run's images: the spec its settings.json names, confined like a request's.
      const dataset =
        format === 'onnx-int8' && opts.confineDataset
          ? await confinedRunDataset(runDir, opts.confineDataset)
          : undefined;
      const result = await exports
        .run(() => doExport(runDir, { format, out, ...(dataset === undefined ? {} : { dataset }) }))
        .catch((error: unknown) => {
          if (error instanceof ExportError)
            throw new HostError(
              'bad-request',
              withoutPaths(error.message, runDir, `run '${runId}'`),
              'runId',
            );
          throw error;
        });
      const fileId = opts.files?.idFor(out);
      const shownRoot = `${basename(opts.runsDir)}/${runId}/exports/${format}`;
      return {
        folder: fileId === undefined ? shownRoot : `workspace/${fileId}`,
        ...(fileId === undefined ? {} : { fileId }),
        files: result.files.map((file) => relative(out, file).split(sep).join('/')),
        verification: result.verification.map(toWireVerification),
        tolerance: TOLERANCE,
      };
    },
    'runs.importModel': async ({ fileId }) => {
      if (!opts.files) throw new HostError('unsupported', 'Importing models is not available here.');
      const path = await opts.files.pathForRead(fileId);
      const name = basename(path);
      const imported = await imports
        .run(() => doImport(path, opts.runsDir, name))
        .catch((error: unknown) => {
          if (error instanceof ImportError)
            throw new HostError(
              'bad-request',
              `${name}: ${withoutPaths(error.message, path, name)}`,
              'fileId',
            );
          throw error;
        });
      // The worker checked it through the schema before keeping the run; this checks what crossed the process boundary.
      const checked = parseDocument(imported.document);
      if (!checked.ok)
        throw new Error(`the import process returned an invalid graph: ${checked.error.message}`);
      const notes = imported.notes.slice(0, MAX_IMPORT_NOTES).map((note) => note.slice(0, 4096));
      const { source, runId } = imported;
      return { document: checked.document, source, notes, name, runId };
    },
  };
}
