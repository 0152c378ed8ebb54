import type { RawData, WebSocket } from 'ws';
import type { IpcError, IpcResult } from '../../core/ipc/contract';
import { JsonReadError, parseJsonCapped } from '../../core/json/safeJson';
import { dispatchCall, isCallChannel } from '../services/dispatch';
import type { CallHandlers } from '../services/handlers';
import { DEFAULT_SOCKET_LIMITS, SocketFlow, type SocketLimits, type SocketObserver } from './socketFlow';

/** Larger frames get a typed error; the socket itself refuses beyond HARD_FRAME_LIMIT. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
export const HARD_FRAME_LIMIT = MAX_FRAME_BYTES + 16 * 1024 * 1024;

type FrameId = string | number | null;
type Call = { id: FrameId; channel: unknown; payload: unknown };
type ReplyBody = { ok: true; value: unknown } | { ok: false; error: IpcError };

export interface SocketSessionOptions {
  limits?: Partial<SocketLimits>;
  observe?: SocketObserver;
}

/** What the host keeps of a connection: events go through its flow control too. */
export interface SocketSession {
  push(frame: string): void;
}

function frameIdOf(frame: unknown): FrameId {
  if (typeof frame !== 'object' || frame === null || !('id' in frame)) return null;
  const id = (frame as { id: unknown }).id;
  return (typeof id === 'string' && id.length <= 128) || (typeof id === 'number' && Number.isFinite(id))
    ? id
    : null;
}

function sizeOf(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/**
 * A reply as text. A value that cannot be encoded (a cycle, nesting too deep
 * for JSON.stringify's recursion) becomes an `internal` error for that call
 * instead of an exception out of the socket's callback.
 */
export function encodeReply(id: FrameId, body: ReplyBody, channel: unknown): string {
  try {
    return JSON.stringify({ id, ...body });
  } catch {
    const what = isCallChannel(channel) ? channel : 'this call';
    const error: IpcError = { code: 'internal', message: `The reply to ${what} could not be encoded.` };
    return JSON.stringify({ id, ok: false, error });
  }
}

/**
 * One browser connection: `{ id, channel, payload }` text frames in,
 * `{ id, ok, value | error }` out, through the same dispatch Electron uses.
 * Malformed frames are answered with a typed error and the connection stays
 * up; calls run under the socket's flow control (see SocketFlow).
 */
export function serveSocket(
  socket: WebSocket,
  handlers: CallHandlers,
  options: SocketSessionOptions = {},
): SocketSession {
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  const reply = (id: FrameId, body: ReplyBody, channel?: unknown): void =>
    flow.send(encodeReply(id, body, channel));
  const refuse = (id: FrameId, message: string): void =>
    reply(id, { ok: false, error: { code: 'bad-request', message } });

  const run = async ({ id, channel, payload }: Call): Promise<void> => {
    let result: IpcResult<unknown>;
    try {
      result = await dispatchCall(handlers, channel, payload);
    } catch {
      result = { ok: false, error: { code: 'internal', message: 'Internal error while handling the call.' } };
    }
    reply(id, result, channel);
  };
  const flow = new SocketFlow<Call>(socket, limits, run, options.observe);

  // ws reports a protocol violation (e.g. a frame beyond maxPayload) as an 'error' and closes the socket
  // itself; without a listener that error would be thrown and take the whole host down.
  socket.on('error', () => socket.terminate());
  socket.on('close', () => flow.close());
  socket.on('message', (data, isBinary) => {
    if (isBinary) return refuse(null, 'Frames must be JSON text.');
    if (sizeOf(data) > MAX_FRAME_BYTES) return refuse(null, 'Frame too large.');
    let frame: unknown;
    try {
      frame = parseJsonCapped(data.toString(), 'Frame', { maxLength: MAX_FRAME_BYTES });
    } catch (error) {
      return refuse(null, error instanceof JsonReadError ? error.message : 'Frame is not valid JSON.');
    }
    const id = frameIdOf(frame);
    if (id === null || typeof frame !== 'object' || frame === null) {
      return refuse(null, 'Frame needs { id, channel, payload }.');
    }
    const { channel, payload } = frame as { channel?: unknown; payload?: unknown };
    if (!flow.offer({ id, channel, payload })) {
      reply(id, {
        ok: false,
        error: {
          code: 'busy',
          message: `Too many calls at once on this connection (${limits.maxQueued} waiting); try again.`,
        },
      });
    }
  });
  return { push: (frame) => flow.send(frame) };
}
