/**
 * Core inference at editor scale: `analyzeGraph` (index, shapes, params,
 * problems) on the bench graphs, median of many runs after a warm-up, against
 * the 5 ms target. Run: `npm run bench:core` (`-- --json` for machine output).
 *
 * Wall time is what the user waits; CPU time (this process only) is shown
 * beside it because the machine is shared and descheduling inflates wall time.
 */
import { analyzeGraph } from '../core/graph/validate';
import { BENCH_GRAPHS } from './editor/graphs';
import { formatTable, type BenchRow } from './editor/table';

const TARGET_MS = 5;
const WARMUP = 50;
const RUNS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function measure(build: () => ReturnType<(typeof BENCH_GRAPHS)[number]['build']>) {
  const doc = build();
  for (let i = 0; i < WARMUP; i++) analyzeGraph(doc);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    analyzeGraph(doc);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { nodes: doc.nodes.length, edges: doc.edges.length, wall, cpu };
}

const rows: BenchRow[] = [];
for (const graph of BENCH_GRAPHS) {
  const m = measure(graph.build);
  const scenario = `${graph.name} (${m.nodes} nodes, ${m.edges} edges)`;
  const median = percentile(m.wall, 0.5);
  rows.push({
    scenario,
    metric: 'analyzeGraph median ms (Node)',
    value: median,
    target: TARGET_MS,
    ratio: TARGET_MS / median,
  });
  rows.push({
    scenario,
    metric: 'analyzeGraph p95 ms (Node)',
    value: percentile(m.wall, 0.95),
    target: TARGET_MS,
    ratio: TARGET_MS / percentile(m.wall, 0.95),
  });
  rows.push({
    scenario,
    metric: 'analyzeGraph median CPU ms',
    value: percentile(m.cpu, 0.5),
    target: TARGET_MS,
    ratio: TARGET_MS / percentile(m.cpu, 0.5),
  });
}

if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else console.log(formatTable(rows));
