import { describe, expect, it } from 'vitest';
import { formatBackendReport } from './report';

describe('formatBackendReport threads', () => {
  it('names which kernels run on how many threads, so the SIMD pool and tfjs threads agree', () => {
    const text = formatBackendReport({
      chosen: 'wasm',
      threads: 1,
      simdThreads: 2,
      attempts: [
        { backend: 'wasm', ok: true, reason: 'WebAssembly with Deepwire SIMD kernels on 2 threads' },
      ],
    });
    expect(text.split('\n').at(-1)).toBe(
      'Training runs on wasm (Deepwire SIMD kernels on 2 threads, other tfjs kernels on 1 thread).',
    );
  });
});
