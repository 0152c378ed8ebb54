import { readFileSync } from 'node:fs';

/**
 * The widest x86 vector extension the CPU flags list: what native kernels
 * (PyTorch's oneDNN, onnxruntime's MLAS) can use, where wasm has 128-bit SIMD.
 */
export function vectorIsa(cpuinfo = readCpuinfo()): string {
  const line = cpuinfo.split('\n').find((l) => /^(flags|Features)\s*:/.test(l)) ?? '';
  const flags = new Set(line.split(':')[1]?.trim().split(/\s+/) ?? []);
  if (flags.has('avx512f')) return flags.has('avx512_bf16') ? 'AVX-512 (with BF16)' : 'AVX-512';
  if (flags.has('avx2')) return flags.has('fma') ? 'AVX2+FMA' : 'AVX2';
  if (flags.has('avx')) return 'AVX';
  if (flags.has('sse4_2')) return 'SSE4.2';
  if (flags.has('asimd')) return 'NEON';
  return 'unknown';
}

function readCpuinfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}
