import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CallResponse } from '../../../core/ipc/contract';
import type { InsightChannel, InspectJob, Inspector } from './inspector';

export const INSPECT_WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: RemoteError };
interface RemoteError {
  code: string;
  message: string;
  field?: string;
}

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
 * An Inspector that runs in a child process (started on the first call, run
 * through tsx like the training worker). If the process dies, pending calls
 * fail with the reason and the next call starts a fresh one.
 */
export function createProcessInspector(opts: { cacheDir?: string; entry?: string } = {}): Inspector {
  let child: ChildProcess | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  function failAll(reason: string): void {
    for (const call of pending.values()) call.reject(new RemoteInspectError('internal', reason));
    pending.clear();
  }

  function ensureChild(): ChildProcess {
    if (child?.connected) return child;
    const started = fork(opts.entry ?? INSPECT_WORKER_ENTRY, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    started.stdout?.pipe(process.stderr);
    started.on('message', (raw: unknown) => {
      const message = raw as Reply;
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.ok) call.resolve(message.value);
      else
        call.reject(new RemoteInspectError(message.error.code, message.error.message, message.error.field));
    });
    started.on('exit', (code, signal) => {
      if (child === started) child = null;
      failAll(`the inspection process stopped (${signal ?? `code ${code ?? 'unknown'}`}); try again`);
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
      child?.kill('SIGKILL');
      child = null;
      failAll('the inspection process was closed');
    },
  };
}
