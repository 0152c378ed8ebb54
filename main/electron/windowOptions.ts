import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one window's options, hardened: the page gets no Node, runs sandboxed
 * in its own JS world and sees only the preload's domain verbs. Pure, so a
 * unit test can pin every security-relevant flag.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Deepwire',
    show: false,
    backgroundColor: '#1e1f24',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
