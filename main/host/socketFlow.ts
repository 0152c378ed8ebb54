import type { WebSocket } from 'ws';

const MiB = 1024 * 1024;

/** How much one browser connection may hold of the host's time and memory. */
export interface SocketLimits {
  /** Calls running at once; more wait in the queue. */
  maxRunning: number;
  /** Calls waiting their turn; a call beyond this is refused with `busy`. */
  maxQueued: number;
  /** Frames stop being read from the client while more than this waits to be written to it. */
  highWaterBytes: number;
  /** No queued call starts while this many bytes of replies are still on their way out. */
  replyBudgetBytes: number;
  /** A client this far behind is not reading at all: its socket is dropped. */
  maxBufferedBytes: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxRunning: 8,
  maxQueued: 64,
  highWaterBytes: 16 * MiB,
  replyBudgetBytes: 64 * MiB,
  maxBufferedBytes: 512 * MiB,
};

/** A snapshot after every change, for tests and diagnostics. */
export interface SocketFlowState {
  running: number;
  queued: number;
  /** Bytes sent (replies and events) that the socket has not yet handed to the OS. */
  bytesInFlight: number;
  /** ws's own count of bytes waiting to be written. */
  bufferedAmount: number;
  /** Whether reading the client's frames is paused. */
  paused: boolean;
  started: number;
  refusedBusy: number;
}

export type SocketObserver = (state: Readonly<SocketFlowState>) => void;

/**
 * Flow control for one socket: at most `maxRunning` calls at once and
 * `maxQueued` waiting, new calls held back while too many reply bytes are in
 * flight, and the client's frames left unread (TCP pushes back on it) while
 * its replies pile up unread.
 */
export class SocketFlow<Call> {
  private readonly queue: Call[] = [];
  private readonly state: SocketFlowState = {
    running: 0,
    queued: 0,
    bytesInFlight: 0,
    bufferedAmount: 0,
    paused: false,
    started: 0,
    refusedBusy: 0,
  };
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: SocketLimits,
    private readonly run: (call: Call) => Promise<void>,
    private readonly observe?: SocketObserver,
  ) {}

  /** Queues a call; false when the queue is full and the caller should refuse it as busy. */
  offer(call: Call): boolean {
    if (this.closed) return true;
    if (this.queue.length >= this.limits.maxQueued) {
      this.state.refusedBusy++;
      this.settle();
      return false;
    }
    this.queue.push(call);
    this.settle();
    return true;
  }

  /** Sends one text frame, counting its bytes until ws has written them. */
  send(text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    const bytes = Buffer.byteLength(text);
    if (this.state.bytesInFlight + bytes > this.limits.maxBufferedBytes) {
      // Not reading for this long means a stuck client; holding more would only grow the host.
      this.socket.terminate();
      return;
    }
    this.state.bytesInFlight += bytes;
    this.socket.send(text, () => {
      this.state.bytesInFlight -= bytes;
      this.settle();
    });
    this.settle();
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.settle();
  }

  private settle(): void {
    if (!this.closed) {
      const behind = this.socket.bufferedAmount > this.limits.highWaterBytes;
      if (behind !== this.state.paused) {
        if (behind) this.socket.pause();
        else this.socket.resume();
        this.state.paused = behind;
      }
      while (
        this.state.running < this.limits.maxRunning &&
        this.state.bytesInFlight < this.limits.replyBudgetBytes &&
        this.queue.length > 0
      ) {
        this.start(this.queue.shift()!);
      }
    }
    this.state.queued = this.queue.length;
    this.state.bufferedAmount = this.socket.bufferedAmount;
    this.observe?.({ ...this.state });
  }

  private start(call: Call): void {
    this.state.running++;
    this.state.started++;
    const done = (): void => {
      this.state.running--;
      this.settle();
    };
    this.run(call).then(done, done);
  }
}
