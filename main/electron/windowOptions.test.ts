import { describe, expect, it } from 'vitest';
import { windowOptions } from './windowOptions';

describe('windowOptions', () => {
  it('hardens the renderer: isolated, sandboxed, no Node, web security on', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('uses a sandbox-loadable CommonJS preload', () => {
    expect(windowOptions('/x/index.cjs').webPreferences?.preload).toMatch(/\.cjs$/);
  });
});
