import { describe, expect, it } from 'vitest';
import { buildApi } from '../../../core/ipc/api';
import { createSocketTransport, type SocketCallbacks } from './socketTransport';

/** A scripted socket: the test opens, closes and answers by hand; timers run when told. */
function harness() {
  const sockets: Array<{ sent: string[]; callbacks: SocketCallbacks; readyState: number }> = [];
  const timers: Array<{ callback: () => void; delayMs: number }> = [];
  const transport = createSocketTransport({
    url: 'ws://127.0.0.1:1/ws?token=t',
    open: (_url, callbacks) => {
      const socket = {
        sent: [] as string[],
        callbacks,
        readyState: 0,
        send: (d: string) => socket.sent.push(d),
      };
      sockets.push(socket);
      return socket;
    },
    schedule: (callback, delayMs) => timers.push({ callback, delayMs }),
  });
  const current = () => sockets[sockets.length - 1]!;
  const open = () => {
    current().readyState = 1;
    current().callbacks.onOpen();
  };
  const close = () => {
    current().readyState = 3;
    current().callbacks.onClose();
  };
  const reply = (frame: unknown) => current().callbacks.onMessage(JSON.stringify(frame));
  return { transport, api: buildApi(transport), sockets, timers, current, open, close, reply };
}

describe('socket transport', () => {
  it('queues calls until the socket opens, then resolves by id', async () => {
    const h = harness();
    const info = h.api.app.info({});
    expect(h.current().sent).toEqual([]);
    h.open();
    expect(JSON.parse(h.current().sent[0]!)).toEqual({ id: 1, channel: 'app.info', payload: {} });
    h.reply({ id: 1, ok: true, value: { version: '1', host: 'web', nativeDialogs: false } });
    await expect(info).resolves.toEqual({ version: '1', host: 'web', nativeDialogs: false });
  });

  it('rejects with an Error carrying the typed code and field', async () => {
    const h = harness();
    h.open();
    const read = h.api.file.read({ fileId: '../x' });
    h.reply({ id: 1, ok: false, error: { code: 'forbidden', message: 'outside', field: 'fileId' } });
    await expect(read).rejects.toMatchObject({ message: 'outside', code: 'forbidden', field: 'fileId' });
  });

  it('rejects in-flight calls when the connection drops and reconnects with growing delays', async () => {
    const h = harness();
    h.open();
    const call = h.api.file.recent({});
    h.close();
    await expect(call).rejects.toMatchObject({ code: 'io' });
    expect(h.timers.map((t) => t.delayMs)).toEqual([250]);
    h.timers.shift()!.callback();
    h.close(); // refused again
    expect(h.timers.map((t) => t.delayMs)).toEqual([500]);
    h.timers.shift()!.callback();
    h.open();
    const again = h.api.file.recent({});
    h.reply({ id: 2, ok: true, value: [] });
    await expect(again).resolves.toEqual([]);
    expect(h.sockets).toHaveLength(3);
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const h = harness();
    h.open();
    const seen: unknown[] = [];
    const unsubscribe = h.api.menu.onAction((payload) => seen.push(payload));
    const other = h.api.menu.onAction(() => undefined);
    h.reply({ event: 'menu.action', payload: { action: 'file.save' } });
    unsubscribe();
    h.reply({ event: 'menu.action', payload: { action: 'file.open' } });
    other();
    expect(seen).toEqual([{ action: 'file.save' }]);
  });

  it('ignores garbage and unknown ids', () => {
    const h = harness();
    h.open();
    expect(() => h.current().callbacks.onMessage('not json')).not.toThrow();
    expect(() => h.reply({ id: 99, ok: true, value: 1 })).not.toThrow();
  });
});
