/**
 * The editor at scale in real Chromium (`npm run bench:editor`): core
 * analysis in the page, then per graph the time from "Open" to the nodes on
 * screen (the app's `deepwire:document-drawn` performance mark), and frame
 * rates while panning and dragging a node with scripted mouse moves, and
 * select-all + delete (key press → the canvas painted empty).
 *
 * Options: --json (rows as JSON), --no-build (reuse the last renderer build),
 * --only <graph name>.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startWebHost } from '../../main/host/webHost';
import { BENCH_GRAPHS } from './graphs';
import { buildBenchRenderer, bundleCoreProbe } from './buildPage';
import { findNodePoint, findPanePoint, scriptedDrag, startFrameProbe, stopFrameProbe } from './frameProbe';
import { formatTable, type BenchRow } from './table';

const LOAD_TARGET_MS = 1000;
const BULK_DELETE_TARGET_MS = 500;
const FPS_TARGET = 50;
const ANALYZE_TARGET_MS = 5;
const MOVES = 60;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const log = (line: string) => {
  if (!asJson) process.stderr.write(`${line}\n`);
};

const rows: BenchRow[] = [];
const time = (scenario: string, metric: string, ms: number, target: number) =>
  rows.push({ scenario, metric, value: ms, target, ratio: target / ms });
const rate = (scenario: string, metric: string, fps: number) =>
  rows.push({ scenario, metric, value: fps, target: FPS_TARGET, ratio: fps / FPS_TARGET });

async function openFromDialog(page: Page, fileName: string, nodes: number): Promise<number> {
  await page.getByTestId('toolbar-open').click();
  const confirm = page.getByTestId('confirm-accept');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await page.getByTestId(`file-entry-${fileName}`).click();
  await page.evaluate(() => performance.clearMarks());
  await page.evaluate(() => performance.mark('bench:open'));
  await page.getByTestId('file-dialog-confirm').click();
  const handle = await page.waitForFunction(
    (count) => {
      const open = performance.getEntriesByName('bench:open')[0];
      const drawn = performance
        .getEntriesByName('deepwire:document-drawn')
        .find((m) => (m as PerformanceMark).detail?.nodes === count);
      return open && drawn ? drawn.startTime - open.startTime : null;
    },
    nodes,
    { timeout: 120_000, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Ctrl+A then Delete as the editor receives them (keydown on the window),
 * timed in the page to the frame that shows every drawn node selected, then
 * to the frame that shows none left.
 */
async function selectAllAndDelete(page: Page): Promise<{ selectMs: number; totalMs: number }> {
  return page.evaluate(async () => {
    const press = (key: string, ctrlKey: boolean) =>
      window.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true, cancelable: true }));
    const frameWhen = (done: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (done() ? resolve() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
    const drawn = () => [...document.querySelectorAll('.react-flow__node')];
    const start = performance.now();
    press('a', true);
    await frameWhen(() => drawn().length > 0 && drawn().every((n) => n.classList.contains('selected')));
    const selected = performance.now();
    press('Delete', false);
    await frameWhen(() => drawn().length === 0);
    return { selectMs: selected - start, totalMs: performance.now() - start };
  });
}

/** Waits until the fit-view animation is over: the viewport transform unchanged across several polls. */
async function viewportSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as Window & { __lastTransform?: string; __sameFor?: number };
      const transform = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      w.__sameFor = transform === w.__lastTransform ? (w.__sameFor ?? 0) + 1 : 0;
      w.__lastTransform = transform;
      return w.__sameFor >= 4;
    },
    undefined,
    { polling: 100, timeout: 30_000 },
  );
}

async function main(): Promise<void> {
  const graphs = BENCH_GRAPHS.filter((g) => !only || g.name === only);
  const root = await mkdtemp(join(tmpdir(), 'deepwire-bench-editor-'));
  const workspace = join(root, 'workspace');
  const rendererDir = await buildBenchRenderer(!args.includes('--no-build'), log);
  const host = await startWebHost({
    port: 0,
    workspace,
    dataDir: join(root, 'data'),
    rendererDir,
    log: () => {},
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    // tsx keeps function names with a `__name` helper that functions sent to the page also call.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });

    // Core analysis inside Chromium (same code as the app bundles).
    await page.goto('about:blank');
    await page.addScriptTag({ content: await bundleCoreProbe() });
    for (const graph of graphs) {
      const median = await page.evaluate((name) => {
        const probe = (window as unknown as { coreProbe: (n: string) => number }).coreProbe;
        return probe(name);
      }, graph.name);
      time(graph.name, 'analyzeGraph median ms (Chromium)', median, ANALYZE_TARGET_MS);
    }

    for (const graph of graphs) {
      const doc = graph.build();
      const fileName = `${graph.name}.deepwire.json`;
      await writeFile(join(workspace, fileName), JSON.stringify(doc));
      await page.goto(host.url);
      await page.getByTestId('app-ready').waitFor();
      log(`${graph.name}: opening (${doc.nodes.length} nodes)…`);
      const loadMs = await openFromDialog(page, fileName, doc.nodes.length);
      time(graph.name, 'open → nodes drawn ms', loadMs, LOAD_TARGET_MS);
      log(`  drawn after ${loadMs.toFixed(0)} ms`);
      await viewportSettled(page);

      await startFrameProbe(page);
      await scriptedDrag(page, await findPanePoint(page), MOVES);
      const pan = await stopFrameProbe(page);
      rate(graph.name, 'pan median fps', pan.medianFps);
      rate(graph.name, 'pan p95-frame fps', pan.p95Fps);

      await startFrameProbe(page);
      await scriptedDrag(page, await findNodePoint(page), MOVES);
      const drag = await stopFrameProbe(page);
      rate(graph.name, 'node drag median fps', drag.medianFps);
      rate(graph.name, 'node drag p95-frame fps', drag.p95Fps);
      const onScreen = await page.locator('.react-flow__node').count();
      log(`  ${onScreen} nodes in the DOM; pan ${pan.frames} frames, drag ${drag.frames} frames`);

      const bulk = await selectAllAndDelete(page);
      time(graph.name, 'select-all → selection drawn ms', bulk.selectMs, BULK_DELETE_TARGET_MS);
      time(graph.name, 'select-all + delete → empty canvas ms', bulk.totalMs, BULK_DELETE_TARGET_MS);
      log(`  select-all ${bulk.selectMs.toFixed(0)} ms, + delete ${bulk.totalMs.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await host.close();
    await rm(root, { recursive: true, force: true });
  }
  console.log(asJson ? JSON.stringify(rows, null, 2) : formatTable(rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
