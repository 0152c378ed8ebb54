/**
 * The training process entry: a child process (web host, CLI) or an Electron
 * utility process. It receives start/pause/continue/stop messages and posts
 * every training event back; it exits when the run ends.
 */
import type { TrainingEvent } from '../../../core/training/events';
import { RunControl } from './control';
import { connectToParent } from '../process/parentPort';
import { exitOnStrayErrors } from '../process/strayErrors';
import { toWorkerSchema, type FromWorker } from './protocol';
import { runSession } from './session';
import { parseHoldPoints, TEST_HOLD_ENV } from './testHold';

const port = connectToParent(undefined, 'train/worker.ts');
exitOnStrayErrors(port, (reason): FromWorker => ({
  type: 'event',
  event: { type: 'failed', code: 'internal', reason: `The training process failed unexpectedly: ${reason}` },
}));
const control = new RunControl();
let running = false;

const holds = parseHoldPoints(process.env[TEST_HOLD_ENV]);
if (holds.length > 0) {
  control.holdAfter(holds, (at) => {
    const message: FromWorker = { type: 'held', ...at };
    port.post(message);
  });
}

function post(event: TrainingEvent): void {
  const message: FromWorker = { type: 'event', event };
  port.post(message);
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
    case 'release':
      control.releaseHold();
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
          : ({
              resume: true,
              ...(message.dataset !== undefined ? { dataset: message.dataset } : {}),
            } as const);
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
