/**
 * The inspection process: a long-lived child that rebuilds runs' models and
 * answers the inside-the-network calls, so forward passes over hundreds of
 * samples never block the host's event loop. One job at a time, in order.
 */
import { createInspector, type InspectJob } from './inspector';
import { InspectError } from './loadRun';

interface JobMessage {
  id: number;
  job: InspectJob;
  cacheDir?: string;
}

if (!process.send)
  throw new Error('inspect/worker.ts must be started as a child process with an IPC channel');

let inspector: ReturnType<typeof createInspector> | null = null;
let queue: Promise<void> = Promise.resolve();

function reply(message: unknown): void {
  process.send?.(message);
}

function describe(error: unknown): { code: string; message: string; field?: string } {
  if (error instanceof InspectError) {
    return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  }
  if (error instanceof Error && error.name === 'DatasetError')
    return { code: 'bad-request', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

process.on('message', (raw: unknown) => {
  const message = raw as Partial<JobMessage>;
  if (typeof message?.id !== 'number' || !message.job) return;
  const { id, job } = message;
  inspector ??= createInspector(message.cacheDir ? { cacheDir: message.cacheDir } : {});
  const current = inspector;
  queue = queue.then(async () => {
    try {
      reply({ id, ok: true, value: await current.run(job) });
    } catch (error) {
      reply({ id, ok: false, error: describe(error) });
    }
  });
});

process.on('disconnect', () => process.exit(0));
