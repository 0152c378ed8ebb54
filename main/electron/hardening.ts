import { app, session, shell, type BrowserWindow } from 'electron';

/** External links open in the user's browser only for these https hosts. */
const EXTERNAL_ALLOW_LIST = new Set(['github.com', 'arxiv.org', 'www.tensorflow.org', 'js.tensorflow.org']);

export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_ALLOW_LIST.has(parsed.hostname);
  } catch {
    return false;
  }
}

/** Same policy as the index.html meta tag; set as a header too for the dev server's http pages. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Session-wide: a CSP on every response and every permission request denied. */
export function hardenSession(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Vite's dev server needs inline/eval scripts for hot reload; production pages get the strict policy.
    if (devServerUrl && details.url.startsWith(devServerUrl)) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** Per window: no navigation away from our page, no new windows, no webviews. */
export function hardenWindow(window: BrowserWindow): void {
  const contents = window.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Refuse any window or webview the app did not create itself. */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
