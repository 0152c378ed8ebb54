import { ImportError, importToRun } from '../import';
import { connectToParent } from '../process/parentPort';
import { exitOnStrayErrors } from '../process/strayErrors';
import type { ExportReply } from './exportProcess';
import { toWireVerification } from './wire';
import { ExportError, exportRun, isExportFormat } from './index';

/**
 * The process for one export or model import (a Node child or an Electron
 * utility process): compiling a run and checking it, or parsing a large
 * model file, takes seconds of CPU and a lot of memory, which must not stall
 * the host's event loop (sockets, training events). Receives one request,
 * answers, exits.
 */
const port = connectToParent(undefined, 'export/exportWorker.ts');
exitOnStrayErrors(port, (reason): ExportReply => ({
  ok: false,
  refused: false,
  message: `The export process failed unexpectedly: ${reason}`,
}));
let started = false;

type Fields = Record<string, unknown>;
const isFields = (raw: unknown): raw is Fields => typeof raw === 'object' && raw !== null;

async function run(message: Fields): Promise<unknown> {
  if (message.kind === 'import') {
    const { path, runsDir, fileName } = message;
    if (typeof path !== 'string' || typeof runsDir !== 'string' || typeof fileName !== 'string')
      throw new ImportError('malformed import request');
    return importToRun(path, runsDir, fileName);
  }
  const { kind, runDir, format, out, dataset } = message;
  if (kind !== 'export' || typeof runDir !== 'string' || typeof out !== 'string' || !isExportFormat(format))
    throw new ExportError('malformed export request');
  if (dataset !== undefined && typeof dataset !== 'string') throw new ExportError('malformed export request');
  const result = await exportRun(runDir, { format, out, ...(dataset === undefined ? {} : { dataset }) });
  // Infinity does not survive JSON: a non-finite difference travels as a failed check with a reason.
  return { ...result, verification: result.verification.map(toWireVerification) };
}

async function answer(raw: unknown): Promise<ExportReply> {
  try {
    return { ok: true, value: await run(isFields(raw) ? raw : {}) };
  } catch (error) {
    return {
      ok: false,
      refused: error instanceof ExportError || error instanceof ImportError,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

port.listen((raw) => {
  if (started) return;
  started = true;
  void answer(raw).then((reply) => {
    port.post(reply);
    port.close();
  });
});
