import { existsSync } from 'node:fs';
import { findSharedLibrary, type ProbeResult } from './native';
import { tf } from './tf';

/**
 * The WebGPU backend: Dawn's Node binding (`webgpu`) provides `navigator.gpu`
 * in this process, and tfjs-backend-webgpu trains on it. Every outcome is a
 * sentence a user can act on; the adapter is described so the doctor and the
 * Backend panel can say which GPU (or software rasteriser) would run.
 */

export type WebGpuAdapter = {
  vendor: string;
  architecture: string;
  description: string;
  /** Software adapters (SwiftShader, llvmpipe, lavapipe, WARP) are correct but slow; auto never picks them. */
  software: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
};

export type WebGpuProbe = ProbeResult & { adapter?: WebGpuAdapter };

/** What a GPU looks like to us; the adapter object Dawn returns, narrowed to what we read. */
type AdapterLike = {
  readonly info: {
    vendor: string;
    architecture: string;
    description: string;
    device: string;
    isFallbackAdapter?: boolean;
  };
  readonly isFallbackAdapter?: boolean;
  readonly limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
};

type GpuLike = { requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null> };

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

export function describeAdapter(adapter: AdapterLike): WebGpuAdapter {
  const { vendor, architecture, description, device } = adapter.info;
  const software =
    adapter.isFallbackAdapter === true ||
    adapter.info.isFallbackAdapter === true ||
    SOFTWARE_NAMES.test(`${vendor} ${architecture} ${description} ${device}`);
  return {
    vendor: vendor || 'unknown vendor',
    architecture: architecture || 'unknown architecture',
    description: description || device || 'no driver description',
    software,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
  };
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** One line: vendor, architecture, driver, kind, and the limits that bound a layer's tensors. */
export function formatAdapter(a: WebGpuAdapter): string {
  return (
    `${a.vendor} ${a.architecture} (${a.description}), ${a.software ? 'software' : 'hardware'}; ` +
    `max buffer ${mib(a.maxBufferSize)}, max storage binding ${mib(a.maxStorageBufferBindingSize)}`
  );
}

const DRIVER_HELP: Record<string, string> = {
  linux:
    'install the Vulkan loader (Debian/Ubuntu: libvulkan1; Fedora/Arch: vulkan-loader) and your GPU’s Vulkan driver (mesa-vulkan-drivers for AMD/Intel, the NVIDIA driver for NVIDIA)',
  darwin: 'macOS 11 or later with a Metal GPU is needed',
  win32: 'update the GPU driver; WebGPU runs on Direct3D 12 (Windows 10 or later)',
};

function driverHelp(): string {
  return DRIVER_HELP[process.platform] ?? `no WebGPU driver is known for ${process.platform}`;
}

let gpu: GpuLike | null = null;

async function loadDawn(): Promise<GpuLike> {
  if (gpu) return gpu;
  const dawn = (await import('webgpu')) as { create(flags: string[]): GpuLike; globals: object };
  // tfjs-backend-webgpu reads GPUBufferUsage and friends from the global scope.
  Object.assign(globalThis, dawn.globals);
  gpu = dawn.create([]);
  return gpu;
}

/** Why no adapter came back, naming what to install or fix. */
function noAdapterReason(): string {
  const icd = process.env.VK_ICD_FILENAMES;
  if (process.platform === 'linux' && icd && icd.split(':').some((f) => f && !existsSync(f)))
    return `Dawn found no GPU adapter: VK_ICD_FILENAMES names a file that does not exist (${icd.split('/').pop()}); unset it or point it at an installed Vulkan driver`;
  return `Dawn found no GPU adapter: ${driverHelp()}`;
}

let probed: WebGpuProbe | null = null;

/** Loads Dawn and asks for the high-performance adapter tfjs will use. Cached per process. */
export async function probeWebGpu(): Promise<WebGpuProbe> {
  if (probed) return probed;
  probed = await probeUncached();
  return probed;
}

async function probeUncached(): Promise<WebGpuProbe> {
  if (process.platform === 'linux' && !findSharedLibrary('libvulkan.so.1'))
    return { ok: false, reason: `webgpu needs Vulkan, and libvulkan.so.1 is not installed: ${driverHelp()}` };
  let instance: GpuLike;
  try {
    instance = await loadDawn();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      ok: false,
      reason: `the webgpu package (Dawn) failed to load: ${message}; reinstall with npm ci`,
    };
  }
  const adapter = await instance.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return { ok: false, reason: noAdapterReason() };
  const described = describeAdapter(adapter);
  return { ok: true, reason: formatAdapter(described), adapter: described };
}

/** Makes `navigator.gpu` Dawn's and registers tfjs's webgpu backend (priority is irrelevant: we always set it). */
export async function registerWebGpuBackend(): Promise<void> {
  const instance = await loadDawn();
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav === undefined) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
  const target = (globalThis as unknown as { navigator: object }).navigator;
  if ((target as { gpu?: unknown }).gpu !== instance)
    Object.defineProperty(target, 'gpu', { value: instance, configurable: true });
  await import('@tensorflow/tfjs-backend-webgpu');
}

/** The first GPU fault of this process (device lost, out of memory), or null. */
export type GpuFault = { kind: 'device-lost' | 'out-of-memory'; message: string };
let fault: GpuFault | null = null;

export function gpuFault(): GpuFault | null {
  return fault;
}

/** Records a fault as if the GPU had reported it; tests inject one this way. */
export function reportGpuFault(next: GpuFault): void {
  fault ??= next;
}

type DeviceLike = {
  lost: Promise<{ reason: string; message: string }>;
  addEventListener?(type: 'uncapturederror', listener: (event: { error: { message: string } }) => void): void;
  onuncapturederror?: ((event: { error: { message: string } }) => void) | null;
};

let watched: DeviceLike | null = null;

/**
 * Listens on the active backend's device (call once tfjs has created it): a
 * lost device or an out-of-memory error becomes the process's GPU fault.
 */
export function watchActiveDevice(): void {
  if (!tf.findBackend('webgpu')) return;
  const device = (tf.findBackend('webgpu') as unknown as { device?: DeviceLike }).device;
  if (!device || device === watched) return;
  watched = device;
  void device.lost.then((info) => {
    if (info.reason === 'destroyed' && fault === null) return;
    reportGpuFault({ kind: 'device-lost', message: info.message || info.reason });
  });
  const onError = (event: { error: { message: string } }) => {
    const message = event.error.message;
    const oom =
      /out of memory|OOM|allocation/i.test(message) || event.error.constructor.name === 'GPUOutOfMemoryError';
    if (oom) reportGpuFault({ kind: 'out-of-memory', message });
  };
  if (device.addEventListener) device.addEventListener('uncapturederror', onError);
  else device.onuncapturederror = onError;
}

/** The sentence a failed run shows for a GPU fault: what happened and how to continue. */
export function gpuFaultReason(f: GpuFault): string {
  const what =
    f.kind === 'out-of-memory'
      ? `the GPU ran out of memory (${f.message})`
      : `the GPU device was lost (${f.message})`;
  return `${what}. Training stopped; the last epoch's checkpoint is kept, so resume the run (with a smaller batch size for memory, or --backend wasm to train on the CPU).`;
}

/** Forgets the recorded fault; for tests that inject one and then resume in the same process. */
export function clearGpuFault(): void {
  fault = null;
}
