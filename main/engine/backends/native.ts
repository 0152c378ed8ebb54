import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tf } from './tf';

/**
 * Probing of the optional native TensorFlow packages. Their absence is the
 * normal case, so every outcome is a sentence a user can act on, not a stack.
 */
export type ProbeResult = { ok: boolean; reason: string };

const requireFromHere = createRequire(import.meta.url);

const GPU_PACKAGE = '@tensorflow/tfjs-node-gpu';
const CPU_PACKAGE = '@tensorflow/tfjs-node';
/** tfjs-node(-gpu) 4.x links libtensorflow 2.9, built against these. */
const CUDA_LIBRARIES_LINUX = ['libcudart.so.11.0', 'libcudnn.so.8'];
const CUDA_LIBRARIES_WINDOWS = ['cudart64_110.dll', 'cudnn64_8.dll'];
const CUDA_REQUIREMENT = 'it needs CUDA 11.2 + cuDNN 8.1';

function packageVersion(name: string): string | undefined {
  try {
    const manifest = requireFromHere(`${name}/package.json`) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return undefined;
  }
}

function librarySearchDirs(): string[] {
  const fromEnv = (process.env.LD_LIBRARY_PATH ?? '').split(path.delimiter).filter(Boolean);
  if (process.platform === 'win32') return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [
    ...fromEnv,
    '/usr/local/cuda/lib64',
    '/usr/local/cuda-11.2/lib64',
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib64',
    '/usr/lib',
    '/lib/x86_64-linux-gnu',
  ];
}

let ldconfigCache: string | undefined;
function ldconfigListing(): string {
  if (ldconfigCache !== undefined) return ldconfigCache;
  try {
    ldconfigCache = execFileSync('ldconfig', ['-p'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    ldconfigCache = '';
  }
  return ldconfigCache;
}

export function findSharedLibrary(file: string): boolean {
  if (librarySearchDirs().some((dir) => existsSync(path.join(dir, file)))) return true;
  return process.platform === 'linux' && ldconfigListing().includes(file);
}

/** The CUDA runtime libraries tfjs-node-gpu dlopens; missing ones make it fall back to CPU silently. */
export function missingCudaLibraries(): string[] {
  if (process.platform === 'darwin') return ['CUDA (tfjs-node-gpu does not support macOS)'];
  const wanted = process.platform === 'win32' ? CUDA_LIBRARIES_WINDOWS : CUDA_LIBRARIES_LINUX;
  return wanted.filter((lib) => !findSharedLibrary(lib));
}

/** Loading registers the 'tensorflow' backend; it must land in OUR tfjs-core, not a nested copy. */
function loadNative(name: string): ProbeResult {
  try {
    requireFromHere(name);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `${name} is installed but failed to load: ${message}` };
  }
  if (!tf.findBackendFactory('tensorflow')) {
    return {
      ok: false,
      reason: `${name} loaded its own copy of @tensorflow/tfjs-core; reinstall so both use tfjs ${tf.version.tfjs}`,
    };
  }
  return { ok: true, reason: `${name} ${packageVersion(name) ?? ''} loaded`.replace('  ', ' ') };
}

/** What a GPU probe looks at, injectable so tests can play a machine with the package but no CUDA. */
export type GpuProbeEnvironment = {
  installedVersion(name: string): string | undefined;
  missingCudaLibraries(): string[];
  load(name: string): ProbeResult;
};

const realEnvironment: GpuProbeEnvironment = {
  installedVersion: packageVersion,
  missingCudaLibraries,
  load: loadNative,
};

export function probeTensorflowGpu(env: GpuProbeEnvironment = realEnvironment): ProbeResult {
  if (env.installedVersion(GPU_PACKAGE) === undefined) {
    return {
      ok: false,
      reason: `tfjs-node-gpu is not installed (optional; ${CUDA_REQUIREMENT} and an NVIDIA GPU)`,
    };
  }
  // Checked before loading: without these, tfjs-node-gpu loads anyway and silently runs on the CPU.
  const missing = env.missingCudaLibraries();
  if (missing.length > 0) {
    return { ok: false, reason: `tfjs-node-gpu: ${missing.join(', ')} not found — ${CUDA_REQUIREMENT}` };
  }
  return env.load(GPU_PACKAGE);
}

export function probeTensorflowCpu(): ProbeResult {
  if (packageVersion(CPU_PACKAGE) === undefined) {
    return { ok: false, reason: 'tfjs-node is not installed (optional native TensorFlow for this platform)' };
  }
  if (tf.findBackendFactory('tensorflow')) {
    // tfjs-node-gpu already registered the same backend name; loading both would clash.
    return { ok: false, reason: 'skipped: tfjs-node-gpu already registered the native backend' };
  }
  return loadNative(CPU_PACKAGE);
}
