import type { RawData, WebSocket } from 'ws';
import type { IpcError } from '../../core/ipc/contract';
import { dispatchCall } from '../services/dispatch';
import type { CallHandlers } from '../services/handlers';

/** Larger frames get a typed error; the socket itself refuses beyond HARD_FRAME_LIMIT. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
export const HARD_FRAME_LIMIT = MAX_FRAME_BYTES + 16 * 1024 * 1024;

type FrameId = string | number | null;

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
 * One browser connection: `{ id, channel, payload }` text frames in,
 * `{ id, ok, value | error }` out, through the same dispatch Electron uses.
 * Malformed frames are answered with a typed error and the connection stays up.
 */
export function serveSocket(socket: WebSocket, handlers: CallHandlers): void {
  const reply = (id: FrameId, body: { ok: true; value: unknown } | { ok: false; error: IpcError }): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, ...body }));
  };
  const refuse = (id: FrameId, message: string): void =>
    reply(id, { ok: false, error: { code: 'bad-request', message } });

  // ws reports a protocol violation (e.g. a frame beyond maxPayload) as an 'error' and closes the socket
  // itself; without a listener that error would be thrown and take the whole host down.
  socket.on('error', () => socket.terminate());
  socket.on('message', (data, isBinary) => {
    if (isBinary) return refuse(null, 'Frames must be JSON text.');
    if (sizeOf(data) > MAX_FRAME_BYTES) return refuse(null, 'Frame too large.');
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return refuse(null, 'Frame is not valid JSON.');
    }
    const id = frameIdOf(frame);
    if (id === null || typeof frame !== 'object' || frame === null) {
      return refuse(null, 'Frame needs { id, channel, payload }.');
    }
    const { channel, payload } = frame as { channel?: unknown; payload?: unknown };
    void dispatchCall(handlers, channel, payload).then((result) => reply(id, result));
  });
}
