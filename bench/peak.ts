import type { SimdRuntime } from '../main/engine/simd';

type PeakExports = { peak_madd(iterations: number, chunks: number): number };

function hasPeak(k: unknown): k is PeakExports {
  return typeof k === 'object' && k !== null && 'peak_madd' in k;
}

/**
 * The wasm SIMD multiply-add ceiling of this machine right now, in GFLOP/s of
 * wall time across all kernel threads (so it drops, fairly, when other
 * processes share the cores).
 */
export function measurePeak(rt: SimdRuntime, iterations = 2e7): number {
  const k: unknown = rt.kernels;
  if (!hasPeak(k)) throw new Error('kernels .wasm has no peak_madd');
  // Short calls first: V8 runs a wasm function's first calls in its baseline
  // tier and swaps in optimised code only between calls.
  const warmUntil = performance.now() + 200;
  while (performance.now() < warmUntil) k.peak_madd(iterations / 200, rt.threads);
  const start = performance.now();
  const flop = k.peak_madd(iterations, rt.threads * 4);
  return flop / ((performance.now() - start) / 1000) / 1e9;
}
