import { registerEngineGradients } from './gradients/fused-batch-norm';
import { probeTensorflowCpu, probeTensorflowGpu, type ProbeResult } from './native';
import {
  BACKEND_ORDER,
  formatBackendReport,
  isBackendName,
  WARNING_MARK,
  type BackendAttempt,
  type BackendName,
  type BackendReport,
} from './report';
import { checkGradientsAgainstCpu, type SelfCheck } from './self-check';
import { getTf, tf } from './tf';
import { activeSimdRuntime, registerSimdKernels, simdKernelsWanted } from '../simd/register';
import { configureWasm, wasmThreads } from './wasm';
import { probeWebGpu, registerWebGpuBackend, watchActiveDevice, type WebGpuProbe } from './webgpu';

export { registerEngineGradients };
export {
  BACKEND_ORDER,
  WARNING_MARK,
  checkGradientsAgainstCpu,
  formatBackendReport,
  getTf,
  isBackendName,
  tf,
};
export {
  clearGpuFault,
  gpuFault,
  gpuFaultReason,
  probeWebGpu,
  reportGpuFault,
  type GpuFault,
  type WebGpuAdapter,
} from './webgpu';
export type { BackendAttempt, BackendName, BackendReport, SelfCheck };

/** Thrown when a forced backend cannot run here; `report` says why. */
export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly report: BackendReport,
    reason: string,
  ) {
    super(`Backend '${backend}' is not available: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

/** tfjs's own name for each of ours: both native packages register 'tensorflow'. */
const TF_BACKEND_NAME: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  webgpu: 'webgpu',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

async function activate(tfName: string): Promise<ProbeResult> {
  try {
    const ok = await tf.setBackend(tfName);
    await tf.ready();
    if (!ok || tf.getBackend() !== tfName)
      return { ok: false, reason: `tfjs could not initialise '${tfName}'` };
    return { ok: true, reason: '' };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The SIMD kernels' pool size for the report, when the kernels are registered. */
function simdThreadsOf(): { simdThreads?: number } {
  const runtime = activeSimdRuntime();
  return runtime ? { simdThreads: runtime.threads } : {};
}

/** Deepwire's SIMD multi-threaded conv/batch-norm kernels over the wasm backend (DEEPWIRE_SIMD=0: off). */
async function withSimdKernels(): Promise<string> {
  const stock = 'WebAssembly (XNNPACK) with Deepwire gradient kernels';
  if (!simdKernelsWanted()) return `${stock} (SIMD kernels off: DEEPWIRE_SIMD=0)`;
  try {
    const threads = await registerSimdKernels();
    const fma = activeSimdRuntime()?.fusedMultiplyAdd ? ', fused multiply-add' : '';
    return `WebAssembly with Deepwire SIMD kernels on ${threads} thread${threads === 1 ? '' : 's'}${fma}`;
  } catch (error) {
    return `${stock} (SIMD kernels unavailable: ${error instanceof Error ? error.message : error})`;
  }
}

/** A software adapter is correct but slower than wasm: auto skips it, a forced run warns once. */
async function tryWebGpu(forced: boolean): Promise<WebGpuProbe & { warning?: string }> {
  const probe = await probeWebGpu();
  if (!probe.ok || !probe.adapter) return probe;
  const { adapter } = probe;
  if (adapter.software && !forced)
    return {
      ok: false,
      adapter,
      reason: `skipped: only a software adapter (${probe.reason}), slower than wasm; install a GPU driver, or force it with --backend webgpu`,
    };
  try {
    await registerWebGpuBackend();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, adapter, reason: `tfjs-backend-webgpu failed to load: ${message}` };
  }
  const active = await activate('webgpu');
  if (!active.ok)
    return { ok: false, adapter, reason: `webgpu failed to start on ${probe.reason}: ${active.reason}` };
  watchActiveDevice();
  return {
    ok: true,
    adapter,
    reason: probe.reason,
    ...(adapter.software
      ? {
          warning: `webgpu runs on a software adapter (${adapter.architecture}): correct, but slower than wasm`,
        }
      : {}),
  };
}

async function tryBackend(
  backend: BackendName,
  forced: boolean,
): Promise<ProbeResult & { warning?: string }> {
  switch (backend) {
    case 'webgpu':
      return tryWebGpu(forced);
    case 'tensorflow-gpu':
    case 'tensorflow': {
      const probe = backend === 'tensorflow-gpu' ? probeTensorflowGpu() : probeTensorflowCpu();
      if (!probe.ok) return probe;
      const active = await activate(TF_BACKEND_NAME[backend]);
      return active.ok ? probe : { ok: false, reason: `${probe.reason}, but ${active.reason}` };
    }
    case 'wasm': {
      try {
        configureWasm();
      } catch (error) {
        return {
          ok: false,
          reason: `wasm binaries not usable: ${error instanceof Error ? error.message : error}`,
        };
      }
      const active = await activate('wasm');
      if (!active.ok) return { ok: false, reason: `wasm failed to start: ${active.reason}` };
      return { ok: true, reason: await withSimdKernels() };
    }
    case 'cpu': {
      const active = await activate('cpu');
      return active.ok
        ? { ok: true, reason: 'pure JavaScript: correct but about 100× slower than wasm for conv nets' }
        : active;
    }
  }
}

/**
 * Picks the fastest backend that works here (CUDA → WebGPU on a hardware
 * adapter → native → wasm → cpu) and
 * makes it tfjs's active backend. With `force`, tries only that one and
 * throws BackendUnavailableError with the reason if it cannot run.
 */
export async function initBackend(opts: { force?: BackendName } = {}): Promise<BackendReport> {
  registerEngineGradients();
  const candidates = opts.force ? [opts.force] : BACKEND_ORDER;
  const attempts: BackendAttempt[] = [];
  for (const backend of candidates) {
    const result: WebGpuProbe & { warning?: string } = await tryBackend(backend, opts.force !== undefined);
    const adapter = result.adapter ? { adapter: result.adapter } : {};
    attempts.push({ backend, ok: result.ok, reason: result.reason, ...adapter });
    if (result.ok) {
      return {
        chosen: backend,
        attempts,
        ...(backend === 'wasm' ? { threads: wasmThreads(), ...simdThreadsOf() } : {}),
        ...(result.warning ? { warning: result.warning } : {}),
      };
    }
  }
  const last = attempts[attempts.length - 1];
  const report: BackendReport = { chosen: 'cpu', attempts };
  throw new BackendUnavailableError(last?.backend ?? 'cpu', report, last?.reason ?? 'no backend could start');
}
