/** One measured figure; `ratio` ≥ 1 means the target is met (target/value for times, value/target for rates). */
export type BenchRow = { scenario: string; metric: string; value: number; target: number; ratio: number };

function cell(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);
}

/** A Markdown table, so the output pastes straight into bench/README.md. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['scenario', 'metric', 'value', 'target', 'ratio', 'met'];
  const body = rows.map((r) => [
    r.scenario,
    r.metric,
    cell(r.value),
    cell(r.target),
    cell(r.ratio),
    r.ratio >= 1 ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
