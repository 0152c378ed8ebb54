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

/** Rows/cols of (padded) input the output grid actually reads. */
function neededExtent(g: ConvGeometry): { h: number; w: number } {
  return {
    h: (g.outH - 1) * g.strideH + (g.kh - 1) * g.dilationH + 1,
    w: (g.outW - 1) * g.strideW + (g.kw - 1) * g.dilationW + 1,
  };
}

/** Puts x in the kernels' memory zero-padded so every tap of every output pixel is in bounds. */
function stagePaddedInput(
  rt: SimdRuntime,
  g: ConvGeometry,
  x: Float32Array,
): { ptr: number; hp: number; wp: number } {
  const need = neededExtent(g);
  const raw = rt.put(x);
  if (g.padTop === 0 && g.padLeft === 0 && need.h <= g.inH && need.w <= g.inW) {
    return { ptr: raw, hp: g.inH, wp: g.inW };
  }
  const hp = Math.max(need.h, g.padTop + g.inH);
  const wp = Math.max(need.w, g.padLeft + g.inW);
  const ptr = rt.alloc(g.batch * hp * wp * g.inC);
  rt.kernels.pad_nhwc(raw, ptr, g.batch, g.inH, g.inW, g.inC, hp, wp, g.inC, g.padTop, g.padLeft);
  return { ptr, hp, wp };
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
  const input = stagePaddedInput(rt, g, x);
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
    wPacked,
    biasPtr,
    y,
    g.batch,
    input.hp,
    input.wp,
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
    ACTIVATION_CODE[activation],
  );
  if (!ok) throw new Error('SIMD conv2d: filter has too many taps');
  out.set(rt.view(y, out.length));
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
  rt.reset();
  const taps = g.kh * g.kw;
  const need = neededExtent(g);
  const hp = Math.max(need.h, g.padTop + g.inH);
  const wp = Math.max(need.w, g.padLeft + g.inW);
  const ci8 = roundUp8(g.inC);
  const dyPtr = rt.put(dy);
  const wRaw = rt.put(w);
  const wPacked = rt.alloc(ci8 * taps * g.outC);
  rt.kernels.pack_filter_dx(wRaw, wPacked, taps, g.inC, g.outC);
  const dxPadded = rt.alloc(g.batch * hp * wp * ci8);
  const ok = rt.kernels.conv2d_backprop_input(
    dyPtr,
    wPacked,
    dxPadded,
    g.batch,
    hp,
    wp,
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
  );
  if (!ok) throw new Error('SIMD conv2d backprop input: filter has too many taps');
  if (hp === g.inH && wp === g.inW && ci8 === g.inC && g.padTop === 0 && g.padLeft === 0) {
    out.set(rt.view(dxPadded, out.length));
    return;
  }
  const dx = rt.alloc(out.length);
  rt.kernels.crop_nhwc(dxPadded, dx, g.batch, g.inH, g.inW, g.inC, hp, wp, ci8, g.padTop, g.padLeft);
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
  const input = stagePaddedInput(rt, g, x);
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
    dyPtr,
    partial,
    dw,
    g.batch,
    input.hp,
    input.wp,
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
  );
  if (!ok) throw new Error('SIMD conv2d backprop filter: filter has too many taps');
  out.set(rt.view(dw, out.length));
}
