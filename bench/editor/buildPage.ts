import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Builds the renderer as the web host serves it, into a private folder, so
 * the bench measures the current code without touching out/renderer (which
 * other tasks build and serve concurrently).
 */
export async function buildBenchRenderer(rebuild: boolean, log: (line: string) => void): Promise<string> {
  const outDir = join(tmpdir(), 'deepwire-bench-renderer');
  if (!rebuild && existsSync(join(outDir, 'index.html'))) return outDir;
  log(`building the renderer into ${outDir}…`);
  await build({
    configFile: false,
    root: join(ROOT, 'renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: { index: join(ROOT, 'renderer', 'index.html') } },
    },
  });
  return outDir;
}

/**
 * An IIFE for the page that defines `window.coreProbe(name)`: the median
 * analyzeGraph time of one bench graph, measured in the browser's JS engine.
 */
export async function bundleCoreProbe(): Promise<string> {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    entryPoints: [join(ROOT, 'bench', 'editor', 'coreProbe.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    minify: true,
    write: false,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the core probe.');
  return file.text;
}
