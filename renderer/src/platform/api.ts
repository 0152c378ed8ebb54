import { buildApi, type DeepwireApi } from '../../../core/ipc/api';
import { takeAccessToken } from './accessToken';
import { createSocketTransport } from './socketTransport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent under the web host. */
    deepwire?: DeepwireApi;
  }
}

let chosen: Promise<DeepwireApi> | null = null;

function connectToWebHost(): DeepwireApi {
  const token = takeAccessToken({
    location: window.location,
    history: window.history,
    storage: sessionStorage,
  });
  if (!token) {
    throw new Error('No access token: open the full URL that `deepwire serve` printed (it ends in ?token=…)');
  }
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
  return buildApi(
    createSocketTransport({
      url,
      open: (address, callbacks) => {
        const socket = new WebSocket(address);
        socket.onopen = () => callbacks.onOpen();
        socket.onclose = () => callbacks.onClose();
        socket.onmessage = (message) => callbacks.onMessage(message.data);
        return socket;
      },
      schedule: (callback, delayMs) => void window.setTimeout(callback, delayMs),
    }),
  );
}

/**
 * The host API, chosen once at start: the Electron preload's bridge when
 * present, else the web host's socket. Nothing else in the renderer knows
 * which one it has.
 */
export function getApi(): Promise<DeepwireApi> {
  chosen ??= new Promise((resolve) => resolve(window.deepwire ?? connectToWebHost()));
  return chosen;
}
