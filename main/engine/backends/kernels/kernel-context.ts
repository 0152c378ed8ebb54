import type { DataId, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../tf';

type DisposingBackend = { disposeData(dataId: DataId): boolean };

function isDisposingBackend(value: unknown): value is DisposingBackend {
  return typeof value === 'object' && value !== null && 'disposeData' in value;
}

/**
 * Runs other kernels of one backend from inside a kernel (the way the wasm
 * package composes its own), and frees every intermediate it made except the
 * result, so composed kernels do not leak backend memory.
 */
export class KernelContext {
  private readonly temps: TensorInfo[] = [];
  private readonly backend: DisposingBackend;

  constructor(
    backend: unknown,
    private readonly backendName: string,
  ) {
    if (!isDisposingBackend(backend)) throw new Error(`${backendName}: kernel backend cannot dispose data`);
    this.backend = backend;
  }

  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const config = tf.getKernel(kernelName, this.backendName);
    if (!config)
      throw new Error(`Kernel '${kernelName}' is not registered for backend '${this.backendName}'`);
    const out = config.kernelFunc({ inputs, backend: this.backend, attrs });
    const info = Array.isArray(out) ? out[0] : out;
    if (!info) throw new Error(`Kernel '${kernelName}' returned no output`);
    this.temps.push(info);
    return info;
  }

  /** Slices `x` only when the region differs from the whole tensor. */
  sliceIfNeeded(x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    const whole = begin.every((b) => b === 0) && size.every((s, i) => s === x.shape[i]);
    return whole ? x : this.run('Slice', { x }, { begin, size });
  }

  /** Frees every intermediate except `result`, which the caller hands to tfjs. */
  finish(result: TensorInfo): TensorInfo {
    for (const info of this.temps) {
      if (info !== result) this.backend.disposeData(info.dataId);
    }
    this.temps.length = 0;
    return result;
  }
}

/** Splits an explicit [before, after] padding into the part a conv can pad and the part to crop away first. */
export function splitPadding(
  before: number,
  after: number,
): { pad: [number, number]; crop: [number, number] } {
  return {
    pad: [Math.max(0, before), Math.max(0, after)],
    crop: [Math.max(0, -before), Math.max(0, -after)],
  };
}
