import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { workerInputs } from './main/electron/workerBundles';

/**
 * main and preload are Node bundles; the renderer is a plain web bundle that
 * both Electron and the web host (`deepwire serve`) load from out/renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('main/electron/index.ts'),
          // Process entries (training, inspection, export), each started as a utility process.
          ...workerInputs((source) => resolve(source)),
        },
        external: [/^@tensorflow\//],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle zod and the contract into it.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
