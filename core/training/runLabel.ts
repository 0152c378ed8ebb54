/** What a run picker shows of a run: enough to tell runs apart without knowing their ids. */
export interface RunLabelFields {
  runId: string;
  graphName?: string;
  dataset: string;
  createdAt: string;
  backend?: string;
  outcome: string;
  status?: string;
  valAcc: number | null;
  bestValAcc?: number | null;
}

/** `2026-12-04T18:50:12.345Z` → `2026-12-04 18:50 UTC`; anything else is shown as it is. */
function dateText(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso || 'unknown date';
}

function resultText(row: RunLabelFields): string {
  const status = row.status ?? row.outcome;
  const acc = row.bestValAcc ?? row.valAcc;
  if (status === 'done')
    return acc === null || acc === undefined ? 'done' : `val acc ${(acc * 100).toFixed(1)}%`;
  return status;
}

/** The last part of a dataset spec (`folder:data/cats` → `cats`), or the built-in name. */
function datasetText(row: RunLabelFields): string {
  if (row.backend === 'imported') return 'imported model';
  const spec = row.dataset.replace(/^(folder|csv|idx|cifar):/, '');
  return spec.split('/').filter(Boolean).at(-1) ?? (spec || 'no dataset');
}

/** `LeNet-5 · digits · 2026-12-04 18:50 UTC · val acc 97.1%`: graph name, dataset, date and result. */
export function runLabel(row: RunLabelFields): string {
  return [row.graphName || 'unnamed graph', datasetText(row), dateText(row.createdAt), resultText(row)].join(
    ' · ',
  );
}
