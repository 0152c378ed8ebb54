import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ExportError, type ExportOptions } from './index';
import type { ExportResult } from './types';

export const EXPORT_WORKER_ENTRY = fileURLToPath(new URL('./exportWorker.ts', import.meta.url));

type Reply = { ok: true; result: ExportResult } | { ok: false; exportError: boolean; message: string };

/** `exportRun` in a child process (run through tsx, like the training workers): same result, same ExportError. */
export function exportRunInChild(runDir: string, opts: ExportOptions): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const child = fork(EXPORT_WORKER_ENTRY, [], {
      execArgv: ['--import', 'tsx'],
      // tfjs prints a banner on stdout; the host's stdout stays clean.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      serialization: 'json',
    });
    child.stdout?.pipe(process.stderr);
    let settled = false;
    child.once('message', (message) => {
      const reply = message as Reply;
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(reply.exportError ? new ExportError(reply.message) : new Error(reply.message));
    });
    child.once('exit', (code, signal) => {
      if (!settled) reject(new Error(`the export process ended early (${signal ?? `code ${code ?? '?'}`})`));
    });
    child.send({ runDir, format: opts.format, out: opts.out });
  });
}
