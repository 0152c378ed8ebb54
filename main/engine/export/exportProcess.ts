import { fileURLToPath } from 'node:url';
import { describeExit, type SpawnProcess } from '../process/handle';
import { nodeProcessSpawner } from '../process/nodeProcess';
import { ExportError, type ExportOptions } from './index';
import type { ExportResult } from './types';

export const EXPORT_WORKER_ENTRY = fileURLToPath(new URL('./exportWorker.ts', import.meta.url));

/** Host → export process: the one export it runs before it exits. */
export interface ExportRequest {
  runDir: string;
  format: ExportOptions['format'];
  out: string;
}

/** Export process → host. */
export type ExportReply =
  { ok: true; result: ExportResult } | { ok: false; exportError: boolean; message: string };

/** `exportRun`'s signature, whichever process runs it. */
export type ExportRunner = (runDir: string, opts: ExportOptions) => Promise<ExportResult>;

/** The default for the CLI and the web host: a Node child on the TypeScript entry. */
export function nodeExportSpawner(entry: string = EXPORT_WORKER_ENTRY): SpawnProcess<ExportRequest> {
  return nodeProcessSpawner<ExportRequest>(entry, { serialization: 'json' });
}

function isReply(raw: unknown): raw is ExportReply {
  return typeof raw === 'object' && raw !== null && typeof (raw as { ok?: unknown }).ok === 'boolean';
}

/**
 * `exportRun` in a process of its own per export (a ResNet's compile and
 * checks hold the CPU for seconds): same result, same ExportError. A process
 * that dies first rejects with how it ended; the next export starts afresh.
 */
export function exportRunInChild(
  runDir: string,
  opts: ExportOptions,
  spawn: SpawnProcess<ExportRequest> = nodeExportSpawner(),
): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const child = spawn();
    let settled = false;
    child.onMessage((raw) => {
      if (settled || !isReply(raw)) return;
      settled = true;
      if (raw.ok) resolve(raw.result);
      else reject(raw.exportError ? new ExportError(raw.message) : new Error(raw.message));
    });
    child.onExit((exit) => {
      if (settled) return;
      settled = true;
      reject(new Error(`the export process ended early (${describeExit(exit)}); try again`));
    });
    child.send({ runDir, format: opts.format, out: opts.out });
  });
}

/** An ExportRunner over a given spawner: Electron passes its utility-process one. */
export function createProcessExporter(spawn: SpawnProcess<ExportRequest>): ExportRunner {
  return (runDir, opts) => exportRunInChild(runDir, opts, spawn);
}
