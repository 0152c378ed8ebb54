import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward, type ConvGeometry } from './conv-ops';
import { SimdRuntime } from './runtime';
import { createRng, randomArray, relativeError } from './test-helpers';

/** A dilated filter written out densely: zeros between taps. Same conv at dilation 1. */
function dilateFilter(
  w: Float32Array,
  kh: number,
  kw: number,
  ci: number,
  co: number,
  d: number,
): Float32Array {
  const eh = (kh - 1) * d + 1;
  const ew = (kw - 1) * d + 1;
  const out = new Float32Array(eh * ew * ci * co);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let k = 0; k < ci * co; k++)
        out[(i * d * ew + j * d) * ci * co + k] = w[(i * kw + j) * ci * co + k]!;
  return out;
}

function geometry(
  over: Partial<ConvGeometry> & Pick<ConvGeometry, 'inH' | 'inW' | 'kh' | 'kw'>,
): ConvGeometry {
  const g = {
    batch: 2,
    inC: 5,
    outC: 11,
    strideH: 1,
    strideW: 1,
    dilationH: 1,
    dilationW: 1,
    padTop: 0,
    padLeft: 0,
    outH: 0,
    outW: 0,
    ...over,
  };
  g.outH = Math.floor((g.inH + 2 * g.padTop - ((g.kh - 1) * g.dilationH + 1)) / g.strideH) + 1;
  g.outW = Math.floor((g.inW + 2 * g.padLeft - ((g.kw - 1) * g.dilationW + 1)) / g.strideW) + 1;
  return g;
}

const size = (g: ConvGeometry) => ({
  x: g.batch * g.inH * g.inW * g.inC,
  w: g.kh * g.kw * g.inC * g.outC,
  y: g.batch * g.outH * g.outW * g.outC,
});

function runAll(rt: SimdRuntime, g: ConvGeometry, seed: number) {
  const rng = createRng(seed);
  const n = size(g);
  const x = randomArray(n.x, rng);
  const w = randomArray(n.w, rng);
  const dy = randomArray(n.y, rng);
  const y = new Float32Array(n.y);
  const dx = new Float32Array(n.x);
  const dw = new Float32Array(n.w);
  conv2dForward(rt, g, x, w, null, 'linear', y);
  conv2dBackpropInput(rt, g, dy, w, dx);
  conv2dBackpropFilter(rt, g, x, dy, dw);
  return { x, w, dy, y, dx, dw };
}

describe('SIMD conv ops', () => {
  let one: SimdRuntime;
  let two: SimdRuntime;
  beforeAll(async () => {
    one = await SimdRuntime.create({ threads: 1 });
    two = await SimdRuntime.create({ threads: 2 });
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('uses the requested thread counts', () => {
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
  });

  it.each([
    [2, 1, 1],
    [2, 2, 1],
    [3, 1, 2],
    [2, 2, 0],
  ])("dilation %i, stride %i, pad %i: dx and dW equal the zero-inserted dense filter's", (d, s, pad) => {
    const g = geometry({
      inH: 13,
      inW: 11,
      kh: 3,
      kw: 2,
      dilationH: d,
      dilationW: d,
      strideH: s,
      strideW: s,
      padTop: pad,
      padLeft: pad,
    });
    const got = runAll(two, g, 40 + d);
    const eh = (g.kh - 1) * d + 1;
    const ew = (g.kw - 1) * d + 1;
    const dense = { ...g, kh: eh, kw: ew, dilationH: 1, dilationW: 1 };
    const wDense = dilateFilter(got.w, g.kh, g.kw, g.inC, g.outC, d);
    const y = new Float32Array(got.y.length);
    conv2dForward(two, dense, got.x, wDense, null, 'linear', y);
    expect(relativeError(got.y, y)).toBeLessThan(1e-5);
    const dx = new Float32Array(got.dx.length);
    conv2dBackpropInput(two, dense, got.dy, wDense, dx);
    expect(relativeError(got.dx, dx)).toBeLessThan(1e-5);
    const dwDense = new Float32Array(wDense.length);
    conv2dBackpropFilter(two, dense, got.x, got.dy, dwDense);
    const picked = dilateFilter(got.dw, g.kh, g.kw, g.inC, g.outC, d);
    for (let i = 0; i < picked.length; i++) if (picked[i] === 0) dwDense[i] = 0;
    expect(relativeError(picked, dwDense)).toBeLessThan(1e-5);
  });

  it.each([
    [{ inH: 32, inW: 32, kh: 3, kw: 3, batch: 4, inC: 16, outC: 16, padTop: 1, padLeft: 1 }],
    [
      {
        inH: 17,
        inW: 9,
        kh: 3,
        kw: 3,
        batch: 3,
        inC: 7,
        outC: 13,
        strideH: 2,
        strideW: 2,
        padTop: 1,
        padLeft: 1,
      },
    ],
    [{ inH: 12, inW: 12, kh: 5, kw: 5, batch: 5, inC: 1, outC: 6 }],
  ])('threaded results are identical to single-threaded (%o)', (over) => {
    const g = geometry(over);
    const a = runAll(one, g, 7);
    const b = runAll(two, g, 7);
    expect(b.y).toEqual(a.y);
    expect(b.dx).toEqual(a.dx);
    expect(b.dw).toEqual(a.dw);
  });

  it('rejects inputs whose size does not match the geometry', () => {
    const g = geometry({ inH: 4, inW: 4, kh: 3, kw: 3 });
    const n = size(g);
    expect(() =>
      conv2dForward(
        two,
        g,
        new Float32Array(n.x - 1),
        new Float32Array(n.w),
        null,
        'linear',
        new Float32Array(n.y),
      ),
    ).toThrow(/x has/);
  });
});
