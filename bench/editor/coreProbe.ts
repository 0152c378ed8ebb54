/** Bundled into the bench page: times analyzeGraph in Chromium's engine (see buildPage.ts). */
import { analyzeGraph } from '../../core/graph/validate';
import { BENCH_GRAPHS } from './graphs';

function coreProbe(name: string): number {
  const graph = BENCH_GRAPHS.find((g) => g.name === name);
  if (!graph) throw new Error(`unknown bench graph ${name}`);
  const doc = graph.build();
  for (let i = 0; i < 50; i++) analyzeGraph(doc);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    analyzeGraph(doc);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1] ?? NaN;
}

(window as unknown as { coreProbe: typeof coreProbe }).coreProbe = coreProbe;
