/**
 * The inspection process: a long-lived child that rebuilds runs' models and
 * answers the inside-the-network calls, so forward passes over hundreds of
 * samples never block the host's event loop. One job at a time, in order.
 */
import { connectToParent } from '../process/parentPort';
import { exitOnStrayErrors } from '../process/strayErrors';
import { createInspector } from './inspector';
import { InspectError } from './loadRun';
import type { InspectReply, InspectRequest, RemoteError } from './process';

const port = connectToParent(undefined, 'inspect/worker.ts');
// Nothing to post: the host fails the calls in flight when this process ends, saying how it ended.
exitOnStrayErrors(port, () => undefined);

let inspector: ReturnType<typeof createInspector> | null = null;
let queue: Promise<void> = Promise.resolve();

function reply(message: InspectReply): void {
  port.post(message);
}

function describe(error: unknown): RemoteError {
  if (error instanceof InspectError) {
    return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  }
  // A DatasetError names the file and what was expected, never its content.
  if (error instanceof Error && error.name === 'DatasetError')
    return { code: 'bad-request', message: error.message, field: 'dataset' };
  // Anything else may quote a path or a file's text: it goes to the log, not to the page.
  process.stderr.write(
    `inspect worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return { code: 'internal', message: 'The inspection failed (internal error).' };
}

port.listen((raw: unknown) => {
  const message = raw as Partial<InspectRequest> | null;
  if (typeof message?.id !== 'number' || !message.job) return;
  const { id, job } = message;
  inspector ??= createInspector(message.cacheDir ? { cacheDir: message.cacheDir } : {});
  const current = inspector;
  queue = queue.then(async () => {
    try {
      const value = await current.run(job);
      reply({ id, ok: true, value, rss: process.memoryUsage.rss() });
    } catch (error) {
      reply({ id, ok: false, error: describe(error), rss: process.memoryUsage.rss() });
    }
  });
});

// A forked child leaves with its host; a utility process is ended by Electron with the app.
process.on('disconnect', () => process.exit(0));
