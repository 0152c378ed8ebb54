/**
 * The training process entry: a child process (web host, CLI) or an Electron
 * utility process. It receives start/pause/continue/stop messages and posts
 * every training event back; it exits when the run ends.
 */
import type { TrainingEvent } from '../../../core/training/events';
import { RunControl } from './control';
import { toWorkerSchema, type FromWorker } from './protocol';
import { runSession } from './session';

interface Port {
  post(message: FromWorker): void;
  listen(listener: (message: unknown) => void): void;
}

/** Electron's utility process has `process.parentPort`; a forked child has `process.send`. */
function connect(): Port {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      listen: (listener) => electronPort.on('message', (event) => listener(event.data)),
    };
  }
  if (!process.send) throw new Error('worker.ts must be started as a child process with an IPC channel');
  return {
    post: (message) => process.send?.(message),
    listen: (listener) => process.on('message', listener),
  };
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const port = connect();
const control = new RunControl();
let running = false;

function post(event: TrainingEvent): void {
  port.post({ type: 'event', event });
}

port.listen((raw) => {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) return;
  const message = parsed.data;
  switch (message.type) {
    case 'pause':
      control.pause();
      return;
    case 'continue':
      control.resume();
      return;
    case 'stop':
      control.stop();
      if (!running) process.exit(0);
      return;
    case 'start':
    case 'resumeRun': {
      if (running) return;
      running = true;
      const start =
        message.type === 'start'
          ? { document: message.document, settings: message.settings }
          : ({ resume: true } as const);
      void runSession({
        runId: message.runId,
        runDir: message.runDir,
        start,
        emit: post,
        control,
        ...(message.cacheDir ? { cacheDir: message.cacheDir } : {}),
      }).finally(() => {
        // Let the IPC channel drain the last events before leaving.
        setImmediate(() => process.exit(0));
      });
      return;
    }
  }
});
