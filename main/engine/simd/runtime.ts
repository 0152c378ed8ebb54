import { readFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Loads Deepwire's wasm SIMD kernels into one linear memory (shared with a
 * worker_threads pool when the platform has SharedArrayBuffer + atomics) and
 * hands out a bump arena per kernel call. Every pointer below is a byte
 * offset into that memory.
 */

const PAGE = 65536;
const MAX_PAGES = 32768; // 2 GiB, the limit the .wasm is linked with
const WORKER_STACK = 256 * 1024;

/** The functions csrc/ exports (see the C sources for their contracts). */
export interface KernelExports {
  set_workers(n: number): void;
  threads(): number;
  pack_filter_forward(w: number, out: number, taps: number, ci: number, co: number): void;
  pack_filter_dx(w: number, out: number, taps: number, ci: number, co: number): void;
  conv2d_forward(...args: number[]): number;
  conv2d_backprop_input(...args: number[]): number;
  conv2d_backprop_filter(...args: number[]): number;
  dw_partial_floats(kh: number, kw: number, ci: number, co8: number): number;
  pad_nhwc(...args: number[]): void;
  crop_nhwc(...args: number[]): void;
}

function isKernelExports(value: unknown): value is KernelExports {
  return (
    typeof value === 'object' &&
    value !== null &&
    'conv2d_forward' in value &&
    'conv2d_backprop_filter' in value &&
    'set_workers' in value
  );
}

/**
 * The kernels built with relaxed SIMD (fused multiply-add) when this engine
 * accepts them, else the plain SIMD128 build. Node 20's V8 has relaxed SIMD
 * behind a flag, which can still be turned on before the module is compiled;
 * newer Node and Electron ship it. DEEPWIRE_SIMD_RELAXED=0 forces the plain build.
 */
export function loadKernelBytes(threaded: boolean): {
  file: string;
  bytes: Uint8Array<ArrayBuffer>;
  relaxed: boolean;
} {
  const read = (file: string): Uint8Array<ArrayBuffer> =>
    new Uint8Array(readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url))));
  const base = threaded ? 'kernels-mt' : 'kernels-st';
  if (process.env.DEEPWIRE_SIMD_RELAXED !== '0') {
    const file = `${base}-relaxed.wasm`;
    const bytes = read(file);
    if (!WebAssembly.validate(bytes)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    if (WebAssembly.validate(bytes)) return { file, bytes, relaxed: true };
  }
  return { file: `${base}.wasm`, bytes: read(`${base}.wasm`), relaxed: false };
}

function heapBase(exports: WebAssembly.Exports): number {
  const g = exports.__heap_base;
  if (!(g instanceof WebAssembly.Global)) throw new Error('kernels: __heap_base not exported');
  return Number(g.value);
}

const align16 = (n: number): number => (n + 15) & ~15;

export class SimdRuntime {
  private f32: Float32Array;
  private top: number;
  private readonly arenaBase: number;

  private constructor(
    readonly memory: WebAssembly.Memory,
    readonly kernels: KernelExports,
    arenaBase: number,
    private readonly workers: Worker[],
    /** Whether the kernels use relaxed SIMD's fused multiply-add. */
    readonly fusedMultiplyAdd: boolean,
  ) {
    this.arenaBase = arenaBase;
    this.top = arenaBase;
    this.f32 = new Float32Array(memory.buffer);
  }

  /** Threads that take part in each kernel (pool workers + the calling thread). */
  get threads(): number {
    return this.kernels.threads();
  }

  /** A view of the whole memory; refreshed after growth, so do not keep it across alloc(). */
  get heap(): Float32Array {
    if (this.f32.buffer.byteLength !== this.memory.buffer.byteLength) {
      this.f32 = new Float32Array(this.memory.buffer);
    }
    return this.f32;
  }

  /** Frees everything alloc() handed out since the last reset. */
  reset(): void {
    this.top = this.arenaBase;
  }

  /** Reserves `floats` float32s (16-byte aligned) and returns the byte offset. */
  alloc(floats: number): number {
    const ptr = this.top;
    const end = align16(ptr + floats * 4);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) throw new Error('SIMD kernels: tensor exceeds 2 GiB of scratch');
      this.memory.grow(Math.max(pages, Math.ceil(have / PAGE / 4)));
    }
    this.top = end;
    return ptr;
  }

  /** Copies `src` into a fresh arena block and returns its byte offset. */
  put(src: Float32Array): number {
    const ptr = this.alloc(src.length);
    this.heap.set(src, ptr >> 2);
    return ptr;
  }

  view(ptr: number, floats: number): Float32Array {
    return this.heap.subarray(ptr >> 2, (ptr >> 2) + floats);
  }

  /** Ends the pool threads; the runtime must not be used afterwards. */
  async close(): Promise<void> {
    this.kernels.set_workers(0);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  static async create(opts: { threads?: number } = {}): Promise<SimdRuntime> {
    const wanted = Math.max(1, opts.threads ?? os.availableParallelism());
    const canShare = typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object';
    const threaded = canShare && wanted > 1;
    const { file, bytes, relaxed } = loadKernelBytes(threaded);
    const module = new WebAssembly.Module(bytes);
    const memory = new WebAssembly.Memory({ initial: 256, maximum: MAX_PAGES, shared: threaded });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    if (!isKernelExports(instance.exports)) throw new Error(`${file}: unexpected exports`);
    const base = align16(heapBase(instance.exports));
    const workerCount = threaded ? wanted - 1 : 0;
    const workers: Worker[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < workerCount; i++) {
      const stackTop = base + (i + 1) * WORKER_STACK;
      const worker = new Worker(new URL('./pool-worker.mjs', import.meta.url), {
        workerData: { module, memory, tid: i + 1, stackTop },
      });
      worker.unref();
      workers.push(worker);
      ready.push(
        new Promise((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        }),
      );
    }
    await Promise.all(ready);
    instance.exports.set_workers(workerCount);
    return new SimdRuntime(memory, instance.exports, base + workerCount * WORKER_STACK, workers, relaxed);
  }
}

let shared: Promise<SimdRuntime> | undefined;

/** The process-wide runtime, created on first use with one thread per core. */
export function getSimdRuntime(): Promise<SimdRuntime> {
  shared ??= SimdRuntime.create();
  return shared;
}
