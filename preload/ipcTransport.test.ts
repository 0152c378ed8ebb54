import { describe, expect, it } from 'vitest';
import { apiKeys, buildApi } from '../core/ipc/api';
import { CALL_CHANNELS, EVENT_CHANNELS } from '../core/ipc/contract';
import { createIpcTransport, type IpcRendererLike } from './ipcTransport';

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpc(reply: (channel: string, payload: unknown) => unknown) {
  const listeners = new Map<string, Listener[]>();
  const invoked: Array<[string, unknown]> = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, payload) => {
      invoked.push([channel, payload]);
      return reply(channel, payload);
    },
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel, listener) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  };
  const emit = (channel: string, payload: unknown) =>
    (listeners.get(channel) ?? []).forEach((l) => l({}, payload));
  return { ipc, invoked, listeners, emit };
}

/** `namespace.verb` for every function on the built API, as the preload exposes it. */
function exposedKeys(api: object): string[] {
  return Object.entries(api)
    .flatMap(([ns, verbs]: [string, object]) => Object.keys(verbs).map((verb) => `${ns}.${verb}`))
    .sort();
}

describe('preload bridge', () => {
  it('exposes exactly the contract allow-list, all functions', () => {
    const api = buildApi(createIpcTransport(fakeIpc(() => ({ ok: true, value: null })).ipc));
    expect(exposedKeys(api)).toEqual(apiKeys());
    expect(apiKeys()).toHaveLength(CALL_CHANNELS.length + EVENT_CHANNELS.length);
    for (const verbs of Object.values(api)) {
      for (const fn of Object.values(verbs as object)) expect(typeof fn).toBe('function');
    }
  });

  it('invokes namespaced channels and unwraps results', async () => {
    const { ipc, invoked } = fakeIpc(() => ({
      ok: true,
      value: { version: '1', host: 'electron', nativeDialogs: true },
    }));
    const api = buildApi(createIpcTransport(ipc));
    await expect(api.app.info({})).resolves.toMatchObject({ host: 'electron' });
    expect(invoked).toEqual([['deepwire:app.info', {}]]);
  });

  it('rejects with an Error carrying code and field', async () => {
    const { ipc } = fakeIpc(() => ({
      ok: false,
      error: { code: 'bad-request', message: 'bad', field: 'fileId' },
    }));
    const api = buildApi(createIpcTransport(ipc));
    await expect(api.file.read({ fileId: 'x' })).rejects.toMatchObject({
      code: 'bad-request',
      field: 'fileId',
    });
    const { ipc: broken } = fakeIpc(() => 'nonsense');
    await expect(buildApi(createIpcTransport(broken)).app.info({})).rejects.toMatchObject({
      code: 'internal',
    });
  });

  it('removes exactly the listener it registered', () => {
    const { ipc, listeners, emit } = fakeIpc(() => null);
    const api = buildApi(createIpcTransport(ipc));
    const seen: string[] = [];
    const first = api.menu.onAction(({ action }) => seen.push(`a:${action}`));
    api.menu.onAction(({ action }) => seen.push(`b:${action}`));
    emit('deepwire:menu.action', { action: 'file.save' });
    first();
    emit('deepwire:menu.action', { action: 'file.open' });
    expect(seen).toEqual(['a:file.save', 'b:file.save', 'b:file.open']);
    expect(listeners.get('deepwire:menu.action')).toHaveLength(1);
  });
});
