/** The parts of an IPC event's sending frame the check needs (Electron's WebFrameMain). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

export interface TrustedRenderer {
  /** file:// URL of out/renderer/index.html. */
  indexFileUrl: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL) while developing. */
  devServerUrl?: string;
}

function withoutQueryAndHash(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * Only our own top-level page may call main: not an iframe, not a page the
 * window was somehow navigated to. Pure, so it is unit-tested.
 */
export function validateSender(frame: SenderFrame | null | undefined, trusted: TrustedRenderer): boolean {
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    return withoutQueryAndHash(url) === withoutQueryAndHash(new URL(trusted.indexFileUrl));
  }
  if (trusted.devServerUrl) {
    const dev = new URL(trusted.devServerUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin;
  }
  return false;
}
