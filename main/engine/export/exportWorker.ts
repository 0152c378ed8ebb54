import { connectToParent } from '../process/parentPort';
import type { ExportReply, ExportRequest } from './exportProcess';
import { toWireVerification } from './wire';
import { ExportError, exportRun, isExportFormat } from './index';

/**
 * The process for one export (a Node child or an Electron utility process):
 * compiling the run and running the checks takes seconds of CPU for a
 * ResNet, which must not stall the host's event loop (sockets, training
 * events). Receives one request, answers, exits.
 */
const port = connectToParent(undefined, 'export/exportWorker.ts');
let started = false;

async function answer(message: Partial<Record<keyof ExportRequest, unknown>> | null): Promise<ExportReply> {
  try {
    const { runDir, format, out } = message ?? {};
    if (typeof runDir !== 'string' || typeof out !== 'string' || !isExportFormat(format))
      throw new ExportError('malformed export request');
    const result = await exportRun(runDir, { format, out });
    // Infinity does not survive JSON: a non-finite difference travels as a failed check with a reason.
    return { ok: true, result: { ...result, verification: result.verification.map(toWireVerification) } };
  } catch (error) {
    return {
      ok: false,
      exportError: error instanceof ExportError,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

port.listen((raw) => {
  if (started) return;
  started = true;
  void answer(raw as Partial<Record<keyof ExportRequest, unknown>> | null).then((reply) => {
    port.post(reply);
    port.close();
  });
});
