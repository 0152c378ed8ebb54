import { IPC_PREFIX, type IpcError, type IpcResult } from '../core/ipc/contract';
import type { Transport } from '../core/ipc/api';

/** The slice of ipcRenderer the bridge needs; never handed to the page itself. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

function callError(error: IpcError): Error {
  return Object.assign(new Error(error.message), { name: 'CallError', code: error.code, field: error.field });
}

function isResult(value: unknown): value is IpcResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

/**
 * Contract calls over Electron IPC: every channel is namespaced `deepwire:`,
 * results arrive as `IpcResult` data and are unwrapped into resolve/reject,
 * and each subscription removes exactly its own listener.
 */
export function createIpcTransport(ipc: IpcRendererLike): Transport {
  return {
    async invoke(channel, request) {
      const result = await ipc.invoke(IPC_PREFIX + channel, request);
      if (!isResult(result))
        throw callError({ code: 'internal', message: 'Malformed reply from the main process.' });
      if (result.ok) return result.value;
      throw callError(result.error);
    },
    subscribe(channel, listener) {
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipc.on(IPC_PREFIX + channel, wrapped);
      return () => void ipc.removeListener(IPC_PREFIX + channel, wrapped);
    },
  };
}
