import type { CallChannel, EventChannel, IpcError } from '../../../core/ipc/contract';
import type { Transport, Unsubscribe } from '../../../core/ipc/api';
import { toCallError } from './callError';

/** The slice of the browser's WebSocket this transport uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
}

export interface SocketCallbacks {
  onOpen(): void;
  onClose(): void;
  onMessage(data: unknown): void;
}

export interface SocketTransportOptions {
  url: string;
  open(url: string, callbacks: SocketCallbacks): SocketLike;
  /** Injected so tests control time. */
  schedule(callback: () => void, delayMs: number): void;
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: IpcError };

const OPEN = 1;
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 5000];

function lost(message: string): Error {
  return toCallError({ code: 'io', message });
}

/**
 * The contract over the web host's WebSocket. Calls wait while a connection
 * is being made; if it fails or drops, waiting and in-flight calls are
 * rejected (we cannot know whether they ran) and the transport reconnects
 * with growing delays, so the editor keeps working and files work again
 * once the host is back.
 */
export function createSocketTransport(options: SocketTransportOptions): Transport {
  const pending = new Map<number, Pending>();
  const queued: string[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let attempt = 0;
  let socket: SocketLike;

  const failAll = (message: string): void => {
    queued.length = 0;
    for (const call of pending.values()) call.reject(lost(message));
    pending.clear();
  };

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('event' in frame) {
      const { event, payload } = frame as { event: EventChannel; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
      return;
    }
    const response = frame as Response;
    const call = pending.get(response.id);
    if (!call) return;
    pending.delete(response.id);
    if (response.ok) call.resolve(response.value);
    else call.reject(toCallError(response.error));
  };

  const connect = (): void => {
    socket = options.open(options.url, {
      onOpen() {
        attempt = 0;
        for (const frame of queued.splice(0)) socket.send(frame);
      },
      onMessage,
      onClose() {
        failAll('The connection to the Deepwire host was lost or refused; reconnecting.');
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 5000;
        attempt++;
        options.schedule(connect, delay);
      },
    });
  };
  connect();

  return {
    invoke(channel: CallChannel, request: unknown) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const frame = JSON.stringify({ id, channel, payload: request });
        if (socket.readyState === OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    subscribe(channel: EventChannel, listener: (payload: unknown) => void): Unsubscribe {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      // A wrapper per subscription, so subscribing the same function twice unsubscribes once each.
      const entry = (payload: unknown): void => listener(payload);
      set.add(entry);
      return () => void set.delete(entry);
    },
  };
}
