import { afterAll, describe, expect, it } from 'vitest';
import {
  BackendUnavailableError,
  checkGradientsAgainstCpu,
  formatBackendReport,
  initBackend,
  tf,
} from './index';
import { missingCudaLibraries, probeTensorflowCpu, probeTensorflowGpu } from './native';

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('initBackend', () => {
  it('walks CUDA → WebGPU → native → wasm → cpu and says why each skipped option was skipped', async () => {
    const report = await initBackend();
    const tried = report.attempts.map((a) => a.backend);
    expect(tried).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'].slice(0, tried.length));
    const webgpu = report.attempts.find((a) => a.backend === 'webgpu');
    // A software adapter is described but never chosen by auto.
    if (webgpu?.adapter?.software) expect(webgpu).toMatchObject({ ok: false, reason: /software adapter/ });
    expect(report.attempts.at(-1)).toMatchObject({ backend: report.chosen, ok: true });
    for (const skipped of report.attempts.slice(0, -1)) {
      expect(skipped.ok).toBe(false);
      expect(skipped.reason.length).toBeGreaterThan(10);
    }
    expect(tf.getBackend()).toBe(report.chosen === 'tensorflow-gpu' ? 'tensorflow' : report.chosen);
  });

  it('forces a backend that works', async () => {
    const report = await initBackend({ force: 'cpu' });
    expect(report).toMatchObject({ chosen: 'cpu', attempts: [{ backend: 'cpu', ok: true }] });
    expect(tf.getBackend()).toBe('cpu');
    const wasm = await initBackend({ force: 'wasm' });
    expect(wasm.chosen).toBe('wasm');
    expect(wasm.threads).toBe(1);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('fails a forced, unavailable backend with its reason', async () => {
    const gpu = probeTensorflowGpu();
    if (gpu.ok) return; // a machine with a working GPU stack cannot exercise this path
    const error = await initBackend({ force: 'tensorflow-gpu' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    const unavailable = error as BackendUnavailableError;
    expect(unavailable.message).toContain(gpu.reason);
    expect(unavailable.report.attempts).toEqual([
      { backend: 'tensorflow-gpu', ok: false, reason: gpu.reason },
    ]);
  });

  it('explains missing native packages and CUDA in words a user can act on', () => {
    const gpu = probeTensorflowGpu();
    if (!gpu.ok) expect(gpu.reason).toMatch(/tfjs-node-gpu/);
    if (!gpu.ok && !gpu.reason.includes('not installed'))
      expect(gpu.reason).toMatch(/CUDA 11\.2 \+ cuDNN 8\.1/);
    expect(Array.isArray(missingCudaLibraries())).toBe(true);
    const cpu = probeTensorflowCpu();
    if (!cpu.ok) expect(cpu.reason).toMatch(/tfjs-node/);
  });
});

describe('formatBackendReport', () => {
  it('shows every attempt, marks the choice and names the threads', () => {
    const text = formatBackendReport({
      chosen: 'wasm',
      threads: 1,
      attempts: [
        {
          backend: 'tensorflow-gpu',
          ok: false,
          reason: 'tfjs-node-gpu: libcudart.so.11.0 not found — it needs CUDA 11.2 + cuDNN 8.1',
        },
        { backend: 'tensorflow', ok: false, reason: 'tfjs-node is not installed' },
        { backend: 'wasm', ok: true, reason: 'WebAssembly' },
      ],
    });
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^✗ tensorflow-gpu .*libcudart\.so\.11\.0 not found/);
    expect(lines[2]).toMatch(/^→ wasm/);
    expect(lines[3]).toBe('Training runs on wasm (1 thread).');
  });
});

describe('checkGradientsAgainstCpu', () => {
  it('passes on wasm with the engine kernels and restores the active backend', async () => {
    await initBackend({ force: 'wasm' });
    const check = await checkGradientsAgainstCpu();
    expect(check.ok).toBe(true);
    expect(check.maxRelativeDiff).toBeLessThan(1e-4);
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('probeTensorflowGpu on a machine with the package', () => {
  const installed = (missing: string[], loaded = true) => ({
    installedVersion: () => '4.22.0',
    missingCudaLibraries: () => missing,
    load: (name: string) => ({
      ok: loaded,
      reason: loaded ? `${name} 4.22.0 loaded` : `${name} failed to load: boom`,
    }),
  });

  it('names the missing CUDA library and the versions it needs, without loading the package', () => {
    let loads = 0;
    const env = { ...installed(['libcudart.so.11.0']), load: () => ({ ok: true, reason: String(++loads) }) };
    expect(probeTensorflowGpu(env)).toEqual({
      ok: false,
      reason: 'tfjs-node-gpu: libcudart.so.11.0 not found — it needs CUDA 11.2 + cuDNN 8.1',
    });
    expect(loads).toBe(0);
  });

  it('loads it when CUDA is there, and passes on a load failure', () => {
    expect(probeTensorflowGpu(installed([]))).toEqual({
      ok: true,
      reason: '@tensorflow/tfjs-node-gpu 4.22.0 loaded',
    });
    expect(probeTensorflowGpu(installed([], false)).reason).toContain('failed to load: boom');
  });
});
