import { fileURLToPath } from 'node:url';
import { ImportError, type ImportedModel } from '../import';
import { describeExit, type SpawnProcess } from '../process/handle';
import { nodeProcessSpawner } from '../process/nodeProcess';
import { ExportError, type ExportOptions } from './index';
import type { ExportResult } from './types';

export const EXPORT_WORKER_ENTRY = fileURLToPath(new URL('./exportWorker.ts', import.meta.url));

/** Host → export process: the one job it runs before it exits, an export or a model import. */
export type ExportRequest =
  | { kind: 'export'; runDir: string; format: ExportOptions['format']; out: string; dataset?: string }
  | { kind: 'import'; path: string; runsDir: string; fileName: string };

/** Export process → host. `refused`: the engine refused the job (ExportError/ImportError), as opposed to a bug. */
export type ExportReply = { ok: true; value: unknown } | { ok: false; refused: boolean; message: string };

/** `exportRun`'s signature, whichever process runs it. */
export type ExportRunner = (runDir: string, opts: ExportOptions) => Promise<ExportResult>;

/** `importToRun`'s signature, whichever process runs it. */
export type ImportRunner = (path: string, runsDir: string, fileName: string) => Promise<ImportedModel>;

/** The default for the CLI and the web host: a Node child on the TypeScript entry. */
export function nodeExportSpawner(entry: string = EXPORT_WORKER_ENTRY): SpawnProcess<ExportRequest> {
  return nodeProcessSpawner<ExportRequest>(entry, { serialization: 'json' });
}

function isReply(raw: unknown): raw is ExportReply {
  return typeof raw === 'object' && raw !== null && typeof (raw as { ok?: unknown }).ok === 'boolean';
}

/**
 * One job in a process of its own, started per job: same value, same typed
 * refusal (`refusal(message)`). A process that dies first rejects with how it
 * ended; the next job starts afresh.
 */
function runJobInChild(
  spawn: SpawnProcess<ExportRequest>,
  request: ExportRequest,
  refusal: (message: string) => Error,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn();
    let settled = false;
    child.onMessage((raw) => {
      if (settled || !isReply(raw)) return;
      settled = true;
      if (raw.ok) resolve(raw.value);
      else reject(raw.refused ? refusal(raw.message) : new Error(raw.message));
    });
    child.onExit((exit) => {
      if (settled) return;
      settled = true;
      reject(new Error(`the ${request.kind} process ended early (${describeExit(exit)}); try again`));
    });
    child.send(request);
  });
}

/**
 * `exportRun` in a process of its own per export: a ResNet's compile and
 * checks hold the CPU for seconds, which must not stall the host.
 */
export async function exportRunInChild(
  runDir: string,
  opts: ExportOptions,
  spawn: SpawnProcess<ExportRequest> = nodeExportSpawner(),
): Promise<ExportResult> {
  const request: ExportRequest = {
    kind: 'export',
    runDir,
    format: opts.format,
    out: opts.out,
    ...(opts.dataset === undefined ? {} : { dataset: opts.dataset }),
  };
  return (await runJobInChild(spawn, request, (message) => new ExportError(message))) as ExportResult;
}

/**
 * `importToRun` in the export process: parsing a model file (a 50M-parameter
 * TF.js model, a 300 MB config that is then refused) holds the CPU and memory
 * for a while, and the weights go straight to the run folder from there. Only
 * the document, the notes and the run id come back.
 */
export async function importToRunInChild(
  path: string,
  runsDir: string,
  fileName: string,
  spawn: SpawnProcess<ExportRequest> = nodeExportSpawner(),
): Promise<ImportedModel> {
  const request: ExportRequest = { kind: 'import', path, runsDir, fileName };
  return (await runJobInChild(spawn, request, (message) => new ImportError(message))) as ImportedModel;
}

/** An ExportRunner over a given spawner: Electron passes its utility-process one. */
export function createProcessExporter(spawn: SpawnProcess<ExportRequest>): ExportRunner {
  return (runDir, opts) => exportRunInChild(runDir, opts, spawn);
}

/** An ImportRunner over a given spawner (the export worker's): Electron passes its utility-process one. */
export function createProcessImporter(spawn: SpawnProcess<ExportRequest>): ImportRunner {
  return (path, runsDir, fileName) => importToRunInChild(path, runsDir, fileName, spawn);
}
