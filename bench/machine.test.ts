import { describe, expect, it } from 'vitest';
import { vectorIsa } from './machine';
import { median, rowOf } from './train-table';

const cpuinfo = (flags: string) => `processor\t: 0\nmodel name\t: CPU\nflags\t\t: ${flags}\n`;

describe('bench machine description', () => {
  it('names the widest vector ISA from the cpuinfo flags', () => {
    expect(vectorIsa(cpuinfo('fpu sse4_2 avx avx2 fma avx512f avx512_bf16'))).toBe('AVX-512 (with BF16)');
    expect(vectorIsa(cpuinfo('fpu sse4_2 avx avx2 fma avx512f'))).toBe('AVX-512');
    expect(vectorIsa(cpuinfo('fpu sse4_2 avx avx2 fma'))).toBe('AVX2+FMA');
    expect(vectorIsa('processor\t: 0\nFeatures\t: fp asimd evtstrm\n')).toBe('NEON');
    expect(vectorIsa('')).toBe('unknown');
  });
});

describe('bench rows', () => {
  it('reports medians and ratios against the torch medians; an inference-only engine has no training figures', () => {
    const torch = { train: [100, 300, 200], infer: [1000, 1000] };
    const ctx = { batch: 128, macs: 1e6, peak: 10, torch, chunkSeconds: 2 };
    const wasm = rowOf('m', 'wasm', { train: [50, 150, 100], infer: [400, 600] }, ctx);
    expect(median([3, 1, 2])).toBe(2);
    expect(wasm.trainImgPerSec).toBe(100);
    expect(wasm.ratioToTorch).toBeCloseTo(0.5);
    expect(wasm.inferRatioToTorch).toBeCloseTo(0.5);
    expect(wasm.trainGflops).toBeCloseTo(0.6);
    const ort = rowOf('m', 'onnxruntime', { train: [], infer: [2000] }, ctx);
    expect(ort.trainImgPerSec).toBeNull();
    expect(ort.ratioToTorch).toBeNull();
    expect(ort.inferRatioToTorch).toBeCloseTo(2);
  });
});
