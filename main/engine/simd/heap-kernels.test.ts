import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heapKernelsFor } from './heap-kernels';

const bytes = readFileSync(fileURLToPath(new URL('./heap-kernels.wasm', import.meta.url)));

/** Section ids of a wasm binary (after the 8-byte header, each: id, LEB128 size, body). */
function sectionIds(wasm: Uint8Array): number[] {
  const ids: number[] = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at++]!;
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++]!;
      size |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    ids.push(id);
    at += size;
  }
  return ids;
}

/** A memory shaped like tfjs's: the kernels are bound to it through `wasm.asm.memory`. */
function fakeBackend(pages: number): { memory: WebAssembly.Memory; backend: object } {
  const memory = new WebAssembly.Memory({ initial: pages });
  return { memory, backend: { wasm: { asm: { memory } } } };
}

describe('heap kernels (in place on tfjs-backend-wasm memory)', () => {
  it('carry no data segments that would overwrite the heap they are loaded into', () => {
    const ids = sectionIds(bytes);
    expect(ids).toContain(10); // code
    expect(ids).not.toContain(11); // data
    expect(ids).not.toContain(12); // data count
  });

  it('write only their output: every other byte of the memory is untouched', () => {
    const { memory, backend } = fakeBackend(4);
    const kernels = heapKernelsFor(backend);
    if (!kernels) throw new Error('kernels did not bind to the memory');
    const all = new Uint8Array(memory.buffer);
    all.fill(0xa5);
    const n = 1001; // not a multiple of the 16-lane step
    const [dy, x, out] = [40000, 80000, 120000];
    const f32 = new Float32Array(memory.buffer);
    for (let i = 0; i < n; i++) {
      f32[dy / 4 + i] = i + 0.5;
      f32[x / 4 + i] = (i % 3) - 1; // -1, 0, 1: zero gets no gradient
    }
    const before = all.slice();
    kernels.relu_grad(dy, x, out, n);
    for (let i = 0; i < n; i++) expect(f32[out / 4 + i]).toBe(i % 3 === 2 ? i + 0.5 : 0);
    let changedOutside = 0;
    for (let b = 0; b < all.length; b++) {
      if ((b < out || b >= out + n * 4) && all[b] !== before[b]) changedOutside++;
    }
    expect(changedOutside).toBe(0);
  });

  it('batch-norm training in place gives the two-pass statistics and the textbook gradient', () => {
    const { memory, backend } = fakeBackend(4);
    const kernels = heapKernelsFor(backend);
    if (!kernels) throw new Error('kernels did not bind to the memory');
    const f32 = new Float32Array(memory.buffer);
    const [m, c] = [300, 3]; // 300 rows cross a 256-row block; 3 channels take the scalar path
    const at = {
      x: 100000,
      gamma: 110000,
      beta: 110100,
      y: 120000,
      mean: 130000,
      variance: 130100,
      scratch: 130200,
    };
    for (let i = 0; i < m * c; i++) f32[at.x / 4 + i] = Math.sin(i) * 3 + (i % c);
    for (let k = 0; k < c; k++) [f32[at.gamma / 4 + k], f32[at.beta / 4 + k]] = [1 + k, -k];
    kernels.bn_train_forward_inplace(
      at.x,
      at.gamma,
      at.beta,
      at.y,
      at.mean,
      at.variance,
      at.scratch,
      m,
      c,
      1e-3,
      0,
    );
    for (let k = 0; k < c; k++) {
      const column = Array.from({ length: m }, (_, r) => f32[at.x / 4 + r * c + k]!);
      const mean = column.reduce((a, b) => a + b, 0) / m;
      const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / m;
      expect(f32[at.mean / 4 + k]).toBeCloseTo(mean, 4);
      expect(f32[at.variance / 4 + k]).toBeCloseTo(variance, 3);
      const y0 = ((column[0]! - mean) / Math.sqrt(variance + 1e-3)) * (1 + k) - k;
      expect(f32[at.y / 4 + k]).toBeCloseTo(y0, 4);
    }
  });

  it('bind once per memory and say null where the backend has no reachable memory', () => {
    const { backend } = fakeBackend(2);
    expect(heapKernelsFor(backend)).toBe(heapKernelsFor(backend));
    expect(heapKernelsFor({ wasm: {} })).toBeNull();
    expect(heapKernelsFor(null)).toBeNull();
  });
});
