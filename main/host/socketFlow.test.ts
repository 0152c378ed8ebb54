import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { DEFAULT_SOCKET_LIMITS, SocketFlow, type SocketFlowState } from './socketFlow';

/** The slice of a ws socket SocketFlow uses; sends complete only when the test says so. */
class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  paused = false;
  terminated = false;
  readonly pending: Array<{ bytes: number; done: () => void }> = [];

  send(text: string, done: () => void): void {
    const bytes = Buffer.byteLength(text);
    this.bufferedAmount += bytes;
    this.pending.push({ bytes, done });
  }
  /** The OS took the oldest frame. */
  flush(): void {
    const sent = this.pending.shift();
    if (!sent) return;
    this.bufferedAmount -= sent.bytes;
    sent.done();
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setup(limits: Partial<typeof DEFAULT_SOCKET_LIMITS>) {
  const socket = new FakeSocket();
  const finishers: Array<() => void> = [];
  const states: SocketFlowState[] = [];
  const flow = new SocketFlow<string>(
    socket as unknown as WebSocket,
    { ...DEFAULT_SOCKET_LIMITS, ...limits },
    (reply) =>
      new Promise<void>((done) =>
        finishers.push(() => {
          flow.send(reply);
          done();
        }),
      ),
    (state) => states.push(state),
  );
  const finishOne = async (): Promise<void> => {
    finishers.shift()?.();
    // Let the call's settle run: it is chained on the finished promise.
    await new Promise((drained) => setImmediate(drained));
  };
  return { socket, flow, finishers, states, finishOne, last: () => states.at(-1)! };
}

describe('socket flow control', () => {
  it('runs at most maxRunning calls, queues up to maxQueued and refuses the rest as busy', async () => {
    const { flow, last, finishOne } = setup({ maxRunning: 2, maxQueued: 3 });
    const offered = Array.from({ length: 7 }, (_, i) => flow.offer(`r${i}`));
    expect(offered).toEqual([true, true, true, true, true, false, false]);
    expect(last()).toMatchObject({ running: 2, queued: 3, started: 2, refusedBusy: 2 });
    await finishOne();
    expect(last()).toMatchObject({ running: 2, queued: 2, started: 3 });
  });

  it('starts no queued call while the reply bytes in flight exceed the budget', async () => {
    const { flow, socket, last, finishOne } = setup({
      maxRunning: 8,
      replyBudgetBytes: 10,
      highWaterBytes: 1000,
    });
    for (const reply of ['a'.repeat(20), 'b', 'c']) flow.offer(reply);
    expect(last()).toMatchObject({ running: 3 });
    await finishOne(); // 20 bytes go out: over the budget of 10
    flow.offer('d');
    expect(last()).toMatchObject({ running: 2, queued: 1, bytesInFlight: 20 });
    socket.flush();
    expect(last()).toMatchObject({ running: 3, queued: 0, bytesInFlight: 0 });
  });

  it('stops reading frames while the socket buffers more than the high-water mark, and resumes on drain', () => {
    const { flow, socket, last } = setup({ highWaterBytes: 10 });
    flow.send('x'.repeat(11));
    expect(socket.paused).toBe(true);
    expect(last()).toMatchObject({ paused: true, bufferedAmount: 11 });
    socket.flush();
    expect(socket.paused).toBe(false);
    expect(last()).toMatchObject({ paused: false, bufferedAmount: 0 });
  });

  it('drops a client that has left more than maxBufferedBytes unread', () => {
    const { flow, socket } = setup({ maxBufferedBytes: 100, highWaterBytes: 1 });
    flow.send('y'.repeat(90));
    expect(socket.terminated).toBe(false);
    flow.send('y'.repeat(20));
    expect(socket.terminated).toBe(true);
    expect(socket.pending).toHaveLength(1);
  });

  it('forgets queued calls once the socket closes', async () => {
    const { flow, last, finishOne } = setup({ maxRunning: 1 });
    flow.offer('a');
    flow.offer('b');
    flow.close();
    await finishOne();
    expect(last()).toMatchObject({ running: 0, queued: 0, started: 1 });
  });
});
