/** The training backends, fastest first. Names are Deepwire's, not tfjs's. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export type BackendAttempt = { backend: BackendName; ok: boolean; reason: string };

export type BackendReport = {
  chosen: BackendName;
  /** One entry per backend tried, in order; a skipped one says why in words a user can act on. */
  attempts: BackendAttempt[];
  /** wasm only: worker threads in use (1 = single-threaded). */
  threads?: number;
};

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(value);
}

/** What `deepwire doctor` prints and the UI shows: one line per option, then the choice. */
export function formatBackendReport(report: BackendReport): string {
  const lines = report.attempts.map((a) => {
    const mark = a.backend === report.chosen ? '→' : a.ok ? '✓' : '✗';
    return `${mark} ${a.backend.padEnd(14)} ${a.reason}`;
  });
  const threads =
    report.threads !== undefined ? ` (${report.threads} thread${report.threads === 1 ? '' : 's'})` : '';
  lines.push(`Training runs on ${report.chosen}${threads}.`);
  return lines.join('\n');
}
