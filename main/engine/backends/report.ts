import type { WebGpuAdapter } from './webgpu';

/** The training backends, fastest first. Names are Deepwire's, not tfjs's. */
export type BackendName = 'tensorflow-gpu' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** `auto` tries these in order; webgpu only on a hardware adapter. */
export const BACKEND_ORDER: readonly BackendName[] = [
  'tensorflow-gpu',
  'webgpu',
  'tensorflow',
  'wasm',
  'cpu',
];

export type BackendAttempt = {
  backend: BackendName;
  ok: boolean;
  reason: string;
  /** webgpu only: the adapter Dawn offered, also when auto skipped it. */
  adapter?: WebGpuAdapter;
};

export type BackendReport = {
  chosen: BackendName;
  /** One entry per backend tried, in order; a skipped one says why in words a user can act on. */
  attempts: BackendAttempt[];
  /** wasm only: tfjs's own wasm threads (1 = single-threaded). */
  threads?: number;
  /** wasm only: threads of Deepwire's SIMD conv and batch-norm kernels, when they are on. */
  simdThreads?: number;
  /** One line the user should see before training, e.g. a forced software GPU adapter. */
  warning?: string;
};

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(value);
}

/** Marks the warning line in a formatted report, so a reader can pick it out of the text. */
export const WARNING_MARK = '⚠';

/** What `deepwire doctor` prints and the UI shows: one line per option, then the choice. */
export function formatBackendReport(report: BackendReport): string {
  const lines = report.attempts.map((a) => {
    const mark = a.backend === report.chosen ? '→' : a.ok ? '✓' : '✗';
    return `${mark} ${a.backend.padEnd(14)} ${a.reason}`;
  });
  if (report.warning) lines.push(`${WARNING_MARK} ${report.warning}`);
  lines.push(`Training runs on ${report.chosen}${threadsText(report)}.`);
  return lines.join('\n');
}

const plural = (n: number) => `${n} thread${n === 1 ? '' : 's'}`;

/** Names whose threads each count is, so the SIMD kernels' pool and tfjs's own threads never read as a contradiction. */
function threadsText(report: BackendReport): string {
  if (report.threads === undefined) return '';
  const tfjs = `tfjs kernels on ${plural(report.threads)}`;
  return report.simdThreads === undefined
    ? ` (${plural(report.threads)})`
    : ` (Deepwire SIMD kernels on ${plural(report.simdThreads)}, other ${tfjs})`;
}
