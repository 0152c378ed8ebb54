import { toWireVerification } from './wire';
import { ExportError, exportRun, isExportFormat } from './index';

/**
 * A child process for one export: compiling the run and running the checks
 * takes seconds of CPU for a ResNet, which must not stall the host's event
 * loop (sockets, training events). Receives one request, answers, exits.
 */
type Request = { runDir?: unknown; format?: unknown; out?: unknown };

process.once('message', (message: Request) => {
  void (async () => {
    const { runDir, format, out } = message;
    try {
      if (typeof runDir !== 'string' || typeof out !== 'string' || !isExportFormat(format))
        throw new ExportError('malformed export request');
      const result = await exportRun(runDir, { format, out });
      // Infinity does not survive JSON: a non-finite difference travels as a failed check with a reason.
      process.send?.({
        ok: true,
        result: { ...result, verification: result.verification.map(toWireVerification) },
      });
    } catch (error) {
      process.send?.({
        ok: false,
        exportError: error instanceof ExportError,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    process.disconnect?.();
  })();
});
