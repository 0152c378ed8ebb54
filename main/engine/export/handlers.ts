import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parseDocument } from '../../../core/graph/document';
import type { CallRequest, CallResponse } from '../../../core/ipc/contract';
import { MAX_IMPORT_NOTES } from '../../../core/ipc/exportContract';
import { HostError } from '../../services/errors';
import type { FileStore } from '../../services/fileStore';
import { ImportError, importModel, writeImportedRun } from '../import';
import { RUN_ID_PATTERN } from '../train/runFolder';
import { toWireVerification } from './wire';
import { exportRunInChild } from './exportProcess';
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
  /** Swappable for tests; default: the engine's exporter (in a child process) and importer. */
  exportRun?: typeof exportRun;
  importModel?: typeof importModel;
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
 * Exports run one at a time, each in a child process: a ResNet-20's compile
 * and checks hold the CPU for seconds, which would stall the host's sockets.
 * Imports only parse files and write the run folder (no model is compiled), so they stay in this process.
 */
export function createExportHandlers(opts: ExportHandlerOptions): ExportHandlers {
  const doExport = opts.exportRun ?? exportRunInChild;
  const doImport = opts.importModel ?? importModel;
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };

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
      const result = await oneAtATime(() => doExport(runDir, { format, out })).catch((error: unknown) => {
        if (error instanceof ExportError)
          throw new HostError('bad-request', withoutPaths(error.message, runDir, `run '${runId}'`), 'runId');
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
      const result = await doImport(path).catch((error: unknown) => {
        if (error instanceof ImportError)
          throw new HostError('bad-request', `${name}: ${withoutPaths(error.message, path, name)}`, 'fileId');
        throw error;
      });
      // The importers build documents through the schema; checking again keeps a bug there from reaching the editor.
      const checked = parseDocument(result.document);
      if (!checked.ok)
        throw new HostError(
          'bad-request',
          `${name}: the imported graph is not valid${checked.error.path ? ` at '${checked.error.path}'` : ''}: ${checked.error.message}`,
          'fileId',
        );
      const notes = result.notes.slice(0, MAX_IMPORT_NOTES).map((note) => note.slice(0, 4096));
      // The weights are kept as a finished run, so the imported model can be inspected, evaluated and exported.
      const { runId } = await writeImportedRun(
        opts.runsDir,
        { ...result, document: checked.document },
        {
          fileName: name,
        },
      ).catch((error: unknown) => {
        if (error instanceof ImportError)
          throw new HostError('bad-request', `${name}: ${error.message}`, 'fileId');
        throw error;
      });
      return { document: checked.document, source: result.source, notes, name, runId };
    },
  };
}
