import { describe, expect, it } from 'vitest';
import { connectToParent, type WorkerProcess } from './parentPort';

/** A stand-in `process`: records what the channel does with it. */
function fakeProcess(kind: 'utility' | 'fork' | 'none') {
  const posted: unknown[] = [];
  const sent: unknown[] = [];
  const messageListeners: ((message: unknown) => void)[] = [];
  const portListeners: ((event: { data: unknown }) => void)[] = [];
  const log = { posted, sent, exits: [] as (number | undefined)[], disconnects: 0 };
  const proc: WorkerProcess = {
    on: (_event, listener) => messageListeners.push(listener),
    exit: (code) => void log.exits.push(code),
    ...(kind === 'utility'
      ? {
          parentPort: {
            postMessage: (message: unknown) => void posted.push(message),
            on: (_event: 'message', listener: (event: { data: unknown }) => void) =>
              void portListeners.push(listener),
          },
        }
      : {}),
    ...(kind === 'fork'
      ? {
          send: (message: unknown) => sent.push(message) > 0,
          disconnect: () => void log.disconnects++,
        }
      : {}),
  };
  return { proc, log, messageListeners, portListeners };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('connectToParent', () => {
  it('uses Electron’s parentPort in a utility process: posts there, unwraps event.data, exits on close', async () => {
    const { proc, log, portListeners, messageListeners } = fakeProcess('utility');
    const channel = connectToParent(proc);
    const received: unknown[] = [];
    channel.listen((message) => received.push(message));
    for (const listener of portListeners) listener({ data: { id: 1, job: 'x' } });
    channel.post({ id: 1, ok: true });
    expect(received).toEqual([{ id: 1, job: 'x' }]);
    expect(log.posted).toEqual([{ id: 1, ok: true }]);
    expect(messageListeners).toHaveLength(0);
    channel.close();
    expect(log.exits).toEqual([]);
    await flush();
    expect(log.exits).toEqual([0]);
  });

  it('uses process.send in a forked child and disconnects on close', () => {
    const { proc, log, messageListeners } = fakeProcess('fork');
    const channel = connectToParent(proc);
    const received: unknown[] = [];
    channel.listen((message) => received.push(message));
    for (const listener of messageListeners) listener({ runDir: '/r' });
    channel.post({ ok: false });
    channel.close();
    expect(received).toEqual([{ runDir: '/r' }]);
    expect(log.sent).toEqual([{ ok: false }]);
    expect(log.disconnects).toBe(1);
    expect(log.exits).toEqual([]);
  });

  it('refuses to start without a channel to its host, naming the entry', () => {
    const { proc } = fakeProcess('none');
    expect(() => connectToParent(proc, 'inspect/worker.ts')).toThrow(
      /inspect\/worker\.ts must be started as a child process/,
    );
  });
});
