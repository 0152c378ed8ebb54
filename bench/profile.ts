import type { KernelConfig } from '@tensorflow/tfjs';
import { tf } from '../main/engine/backends/tf';

export type KernelTime = { name: string; ms: number; calls: number };

/**
 * Wall time per kernel name over one call of `run`: every kernel registered
 * for `backend` is re-registered wrapped in a timer, then put back. Kernels
 * on the wasm backend are synchronous, so the timings are exact; the
 * remainder of the step is JS/tfjs overhead.
 */
export function profileKernels(backend: string, run: () => void): { kernels: KernelTime[]; totalMs: number } {
  const originals: KernelConfig[] = tf.getKernelsForBackend(backend);
  const times = new Map<string, KernelTime>();
  let depth = 0;
  for (const config of originals) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, backend);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        // Kernels that call other kernels count once, at the outermost level.
        depth++;
        const start = performance.now();
        try {
          return inner(args);
        } finally {
          depth--;
          if (depth === 0) {
            const entry = times.get(config.kernelName) ?? { name: config.kernelName, ms: 0, calls: 0 };
            entry.ms += performance.now() - start;
            entry.calls++;
            times.set(config.kernelName, entry);
          }
        }
      },
    });
  }
  const start = performance.now();
  try {
    run();
  } finally {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, backend);
      tf.registerKernel(config);
    }
  }
  const totalMs = performance.now() - start;
  return { kernels: [...times.values()].sort((a, b) => b.ms - a.ms), totalMs };
}

export function formatProfile(
  title: string,
  p: { kernels: KernelTime[]; totalMs: number },
  top = 15,
): string {
  const lines = [`${title}: one training step ${p.totalMs.toFixed(0)} ms`];
  let inKernels = 0;
  for (const k of p.kernels) inKernels += k.ms;
  for (const k of p.kernels.slice(0, top)) {
    const share = ((100 * k.ms) / p.totalMs).toFixed(1).padStart(5);
    lines.push(`  ${share}%  ${k.ms.toFixed(1).padStart(8)} ms  ${String(k.calls).padStart(4)}×  ${k.name}`);
  }
  const other = p.totalMs - inKernels;
  lines.push(
    `  ${((100 * other) / p.totalMs).toFixed(1).padStart(5)}%  ${other.toFixed(1).padStart(8)} ms         outside kernels (JS, tape, optimizer glue)`,
  );
  return lines.join('\n');
}
