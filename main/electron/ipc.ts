import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  CALL_CHANNELS,
  IPC_PREFIX,
  type EventChannel,
  type EventPayload,
  type IpcResult,
} from '../../core/ipc/contract';
import { dispatchCall } from '../services/dispatch';
import type { CallHandlers } from '../services/handlers';
import { validateSender, type TrustedRenderer } from './validateSender';

/**
 * One `ipcMain.handle` per contract channel. The sender is checked before
 * anything else, then the shared dispatch parses, runs and validates.
 */
export function registerIpcHandlers(
  handlers: CallHandlers,
  trusted: TrustedRenderer,
  afterCall: (channel: string) => void = () => undefined,
): () => void {
  for (const channel of CALL_CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!validateSender(event.senderFrame, trusted)) {
        const refused: IpcResult<never> = {
          ok: false,
          error: { code: 'forbidden', message: 'Calls are accepted from the Deepwire window only.' },
        };
        return refused;
      }
      const window = BrowserWindow.fromWebContents(event.sender);
      const result = await dispatchCall(handlers, channel, payload, window ? { windowId: window.id } : {});
      afterCall(channel);
      return result;
    });
  }
  return () => {
    for (const channel of CALL_CHANNELS) ipcMain.removeHandler(IPC_PREFIX + channel);
  };
}

/** Pushes an event to every window's page. */
export function sendEvent<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(IPC_PREFIX + event, payload);
  }
}
