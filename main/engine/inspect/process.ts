import { fileURLToPath } from 'node:url';
import type { CallResponse } from '../../../core/ipc/contract';
import { describeExit, type ProcessHandle, type SpawnProcess } from '../process/handle';
import { nodeProcessSpawner } from '../process/nodeProcess';
import type { InsightChannel, InspectJob, Inspector } from './inspector';

export const INSPECT_WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Host → inspection process: one job, numbered so its answer finds its caller. */
export interface InspectRequest {
  id: number;
  job: InspectJob;
  cacheDir?: string;
}

export interface RemoteError {
  code: string;
  message: string;
  field?: string;
}

/** Inspection process → host; `rss` is the process's resident memory once the job is done. */
export type InspectReply = { id: number; rss?: number } & (
  { ok: true; value: unknown } | { ok: false; error: RemoteError }
);

/**
 * Resident memory above which an idle inspection process is replaced: one
 * huge dataset or model must not stay pinned in a long-lived process.
 */
export const RECYCLE_RSS_BYTES = 1024 * 1024 * 1024;

/** An error from the inspection process, keeping its code so the host can map it. */
export class RemoteInspectError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RemoteInspectError';
  }
}

/**
 * The default for the CLI and the web host: a Node child on the TypeScript
 * entry. 'advanced' serialisation, like Electron's structured clone, keeps
 * typed arrays intact.
 */
export function nodeInspectSpawner(entry: string = INSPECT_WORKER_ENTRY): SpawnProcess<InspectRequest> {
  return nodeProcessSpawner<InspectRequest>(entry, { serialization: 'advanced' });
}

function isReply(raw: unknown): raw is InspectReply {
  return typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number';
}

export interface ProcessInspectorOptions {
  cacheDir?: string;
  /** A Node entry to fork (tests); ignored when `spawn` is given. */
  entry?: string;
  /** How to start the process: Electron passes a utility-process spawner. */
  spawn?: SpawnProcess<InspectRequest>;
  /** Replace the process when a job leaves it above this many resident bytes and nothing else waits. */
  recycleAboveRss?: number;
}

/**
 * An Inspector that runs in its own process (started on the first call). If
 * the process dies, pending calls fail with the reason and the next call
 * starts a fresh one.
 */
export function createProcessInspector(opts: ProcessInspectorOptions = {}): Inspector {
  const spawn = opts.spawn ?? nodeInspectSpawner(opts.entry);
  const recycleAbove = opts.recycleAboveRss ?? RECYCLE_RSS_BYTES;
  let child: ProcessHandle<InspectRequest> | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  function failAll(reason: string): void {
    for (const call of pending.values()) call.reject(new RemoteInspectError('internal', reason));
    pending.clear();
  }

  function ensureChild(): ProcessHandle<InspectRequest> {
    if (child) return child;
    const started = spawn();
    started.onMessage((raw) => {
      if (!isReply(raw)) return;
      const call = pending.get(raw.id);
      if (!call) return;
      pending.delete(raw.id);
      if (raw.ok) call.resolve(raw.value);
      else call.reject(new RemoteInspectError(raw.error.code, raw.error.message, raw.error.field));
      // Memory the job left behind is returned by ending the process; the next call starts a fresh one.
      if (child === started && pending.size === 0 && (raw.rss ?? 0) > recycleAbove) {
        child = null;
        started.kill();
      }
    });
    started.onExit((exit) => {
      // A process we already replaced or disposed has no calls of its own left.
      if (child !== started) return;
      child = null;
      failAll(`the inspection process stopped (${describeExit(exit)}); try again`);
    });
    child = started;
    return started;
  }

  return {
    run<C extends InsightChannel>(job: InspectJob<C>): Promise<CallResponse<C>> {
      const id = nextId++;
      const target = ensureChild();
      return new Promise<CallResponse<C>>((resolve, reject) => {
        pending.set(id, { resolve: (value) => resolve(value as CallResponse<C>), reject });
        target.send({ id, job, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
      });
    },
    dispose() {
      const closing = child;
      child = null;
      closing?.kill();
      failAll('the inspection process was closed');
    },
  };
}
