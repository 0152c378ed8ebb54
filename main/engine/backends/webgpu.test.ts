import { describe, expect, it } from 'vitest';
import { describeAdapter, formatAdapter } from './webgpu';

const adapter = (
  info: Partial<{ vendor: string; architecture: string; description: string; device: string }>,
  fallback = false,
) => ({
  info: { vendor: '', architecture: '', description: '', device: '', ...info },
  isFallbackAdapter: fallback,
  limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27 },
});

describe('describeAdapter', () => {
  it('calls SwiftShader, llvmpipe, lavapipe and fallback adapters software, a discrete GPU hardware', () => {
    expect(describeAdapter(adapter({ vendor: 'google', architecture: 'swiftshader' })).software).toBe(true);
    expect(describeAdapter(adapter({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).software).toBe(true);
    expect(describeAdapter(adapter({ device: 'lavapipe' })).software).toBe(true);
    expect(describeAdapter(adapter({ vendor: 'unknown' }, true)).software).toBe(true);
    expect(
      describeAdapter(adapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA 550.54' }))
        .software,
    ).toBe(false);
  });

  it('names vendor, architecture, driver, kind and the buffer limits in one line', () => {
    const line = formatAdapter(
      describeAdapter(adapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA 550.54' })),
    );
    expect(line).toBe(
      'nvidia hopper (NVIDIA 550.54), hardware; max buffer 1024 MiB, max storage binding 128 MiB',
    );
  });
});
