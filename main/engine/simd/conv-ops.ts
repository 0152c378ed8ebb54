import type { SimdRuntime } from './runtime';

/**
 * Convolutions on plain Float32Arrays (NHWC activations, HWIO filters), run by
 * the wasm SIMD kernels. Inputs are copied into the kernels' memory and the
 * result copied into `out`, so callers may pass views of another heap (the
 * tfjs wasm backend's) without either side aliasing the other.
 */
export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  kh: number;
  kw: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
}

export type FusedActivation = 'linear' | 'relu' | 'relu6';
const ACTIVATION_CODE: Record<FusedActivation, number> = { linear: 0, relu: 1, relu6: 2 };

const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Puts x in the kernels' memory as it is, with a row of `inC` zeros that taps in the padding read. */
function stageInput(rt: SimdRuntime, g: ConvGeometry, x: Float32Array): { ptr: number; zero: number } {
  const ptr = rt.put(x);
  const zero = rt.alloc(g.inC);
  rt.view(zero, g.inC).fill(0);
  return { ptr, zero };
}

function checkSizes(g: ConvGeometry, x: number, w: number, y: number, names: [string, string, string]): void {
  const expect = [
    g.batch * g.inH * g.inW * g.inC,
    g.kh * g.kw * g.inC * g.outC,
    g.batch * g.outH * g.outW * g.outC,
  ];
  [x, w, y].forEach((len, i) => {
    if (len !== expect[i]) throw new Error(`SIMD conv: ${names[i]} has ${len} values, expected ${expect[i]}`);
  });
}

/** y = act(conv2d(x, w) + bias); `out` is [batch, outH, outW, outC]. */
export function conv2dForward(
  rt: SimdRuntime,
  g: ConvGeometry,
  x: Float32Array,
  w: Float32Array,
  bias: Float32Array | null,
  activation: FusedActivation,
  out: Float32Array,
): void {
  checkSizes(g, x.length, w.length, out.length, ['x', 'filter', 'output']);
  rt.reset();
  const taps = g.kh * g.kw;
  const input = stageInput(rt, g, x);
  const wRaw = rt.put(w);
  const wPacked = rt.alloc(roundUp8(g.outC) * taps * g.inC);
  rt.kernels.pack_filter_forward(wRaw, wPacked, taps, g.inC, g.outC);
  let biasPtr = 0;
  if (bias) {
    biasPtr = rt.alloc(roundUp8(g.outC));
    const view = rt.view(biasPtr, roundUp8(g.outC));
    view.fill(0);
    view.set(bias);
  }
  const y = rt.alloc(out.length);
  const ok = rt.kernels.conv2d_forward(
    input.ptr,
    input.zero,
    wPacked,
    biasPtr,
    y,
    g.batch,
    g.inH,
    g.inW,
    g.inC,
    g.outH,
    g.outW,
    g.outC,
    g.kh,
    g.kw,
    g.strideH,
    g.strideW,
    g.dilationH,
    g.dilationW,
    g.padTop,
    g.padLeft,
    ACTIVATION_CODE[activation],
  );
  if (!ok) throw new Error('SIMD conv2d: filter has too many taps');
  out.set(rt.view(y, out.length));
}

/**
 * At stride 1 the input gradient is a forward convolution of dy with the
 * filter turned 180° and its in/out channels swapped, padded by (k−1)·d − p:
 * the gather-form forward kernel beats the scatter form (no read-modify-write).
 */
function transposedGeometry(g: ConvGeometry): ConvGeometry {
  return {
    ...g,
    inH: g.outH,
    inW: g.outW,
    inC: g.outC,
    outH: g.inH,
    outW: g.inW,
    outC: g.inC,
    padTop: (g.kh - 1) * g.dilationH - g.padTop,
    padLeft: (g.kw - 1) * g.dilationW - g.padLeft,
  };
}

/** HWIO [kh][kw][in][out] → [kh−1−i][kw−1−j][out][in]. */
function rotatedTransposedFilter(g: ConvGeometry, w: Float32Array): Float32Array {
  const rotated = new Float32Array(w.length);
  for (let i = 0; i < g.kh; i++)
    for (let j = 0; j < g.kw; j++) {
      const src = (i * g.kw + j) * g.inC * g.outC;
      const dst = ((g.kh - 1 - i) * g.kw + (g.kw - 1 - j)) * g.outC * g.inC;
      for (let c = 0; c < g.inC; c++)
        for (let o = 0; o < g.outC; o++) rotated[dst + o * g.inC + c] = w[src + c * g.outC + o]!;
    }
  return rotated;
}

/** dx of conv2d given dy [batch, outH, outW, outC]; `out` is [batch, inH, inW, inC]. */
export function conv2dBackpropInput(
  rt: SimdRuntime,
  g: ConvGeometry,
  dy: Float32Array,
  w: Float32Array,
  out: Float32Array,
): void {
  checkSizes(g, out.length, w.length, dy.length, ['dx', 'filter', 'dy']);
  if (g.strideH === 1 && g.strideW === 1) {
    conv2dForward(rt, transposedGeometry(g), dy, rotatedTransposedFilter(g, w), null, 'linear', out);
    return;
  }
  rt.reset();
  const taps = g.kh * g.kw;
  const ci8 = roundUp8(g.inC);
  const dyPtr = rt.put(dy);
  const wRaw = rt.put(w);
  const wPacked = rt.alloc(ci8 * taps * g.outC);
  rt.kernels.pack_filter_dx(wRaw, wPacked, taps, g.inC, g.outC);
  const dx8 = rt.alloc(g.batch * g.inH * g.inW * ci8);
  const trash = rt.alloc(rt.threads * ci8);
  const ok = rt.kernels.conv2d_backprop_input(
    dyPtr,
    wPacked,
    dx8,
    trash,
    g.batch,
    g.inH,
    g.inW,
    ci8,
    g.outH,
    g.outW,
    g.outC,
    g.kh,
    g.kw,
    g.strideH,
    g.strideW,
    g.dilationH,
    g.dilationW,
    g.padTop,
    g.padLeft,
  );
  if (!ok) throw new Error('SIMD conv2d backprop input: filter has too many taps');
  if (ci8 === g.inC) {
    out.set(rt.view(dx8, out.length));
    return;
  }
  const dx = rt.alloc(out.length);
  rt.kernels.crop_nhwc(dx8, dx, g.batch, g.inH, g.inW, g.inC, g.inH, g.inW, ci8, 0, 0);
  out.set(rt.view(dx, out.length));
}

/** dW of conv2d given x and dy; `out` is [kh, kw, inC, outC]. */
export function conv2dBackpropFilter(
  rt: SimdRuntime,
  g: ConvGeometry,
  x: Float32Array,
  dy: Float32Array,
  out: Float32Array,
): void {
  checkSizes(g, x.length, out.length, dy.length, ['x', 'dW', 'dy']);
  rt.reset();
  const co8 = roundUp8(g.outC);
  const input = stageInput(rt, g, x);
  let dyPtr = rt.put(dy);
  if (co8 !== g.outC) {
    const pixels = g.batch * g.outH * g.outW;
    const padded = rt.alloc(pixels * co8);
    rt.kernels.pad_nhwc(dyPtr, padded, pixels, 1, 1, g.outC, 1, 1, co8, 0, 0);
    dyPtr = padded;
  }
  const partial = rt.alloc(rt.kernels.dw_partial_floats(g.kh, g.kw, g.inC, co8));
  const dw = rt.alloc(out.length);
  const ok = rt.kernels.conv2d_backprop_filter(
    input.ptr,
    input.zero,
    dyPtr,
    partial,
    dw,
    g.batch,
    g.inH,
    g.inW,
    g.inC,
    g.outH,
    g.outW,
    g.outC,
    co8,
    g.kh,
    g.kw,
    g.strideH,
    g.strideW,
    g.dilationH,
    g.dilationW,
    g.padTop,
    g.padLeft,
  );
  if (!ok) throw new Error('SIMD conv2d backprop filter: filter has too many taps');
  out.set(rt.view(dw, out.length));
}
