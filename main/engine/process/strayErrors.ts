import type { ParentChannel } from './parentPort';

/**
 * Errors nothing awaited: a rejection without a handler or an exception out
 * of a callback. Node's default ends the process; in the host that would
 * take every browser and training child down with one bad call.
 */

type StrayEvent = 'unhandledRejection' | 'uncaughtException';

/** The parts of `process` the guards use; tests pass a stand-in. */
export interface GuardedProcess {
  on(event: StrayEvent, listener: (error: unknown) => void): unknown;
  off(event: StrayEvent, listener: (error: unknown) => void): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
  exit(code?: number): void;
}

const MAX_REPORT = 2000;

/** One line for a report to the parent: the error's name and message, never its stack. */
export function describeStray(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_REPORT ? `${text.slice(0, MAX_REPORT)}…` : text;
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : describeStray(error);
}

function listen(proc: GuardedProcess, listener: (error: unknown) => void): () => void {
  proc.on('unhandledRejection', listener);
  proc.on('uncaughtException', listener);
  return () => {
    proc.off('unhandledRejection', listener);
    proc.off('uncaughtException', listener);
  };
}

/**
 * For a host (`deepwire serve`): log the error and keep serving. The host's
 * state is per call and per socket, so one failed call leaves the others
 * sound. Returns the function that removes the guard.
 */
export function logStrayErrors(
  log: (line: string) => void,
  proc: GuardedProcess = process as unknown as GuardedProcess,
): () => void {
  return listen(proc, (error) =>
    log(`deepwire: an unexpected error was caught; still serving.\n${stackOf(error)}`),
  );
}

/**
 * For a worker process: tell the parent once (`report` turns the error into
 * the message to post, or undefined to post nothing), then leave with code 1
 * once the message has gone. A second error while leaving is only logged.
 */
export function exitOnStrayErrors(
  port: ParentChannel,
  report: (description: string) => unknown,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  proc: GuardedProcess = process as unknown as GuardedProcess,
): () => void {
  let leaving = false;
  return listen(proc, (error) => {
    log(stackOf(error));
    if (leaving) return;
    leaving = true;
    try {
      const message = report(describeStray(error));
      if (message !== undefined) port.post(message);
    } catch {
      // A throw here would end the process at once, without the close below.
    }
    // A Node child leaves when its channel has flushed and closed; a utility process exits in close().
    proc.once('disconnect', () => proc.exit(1));
    port.close();
  });
}
