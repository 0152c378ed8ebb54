/* conv2d forward, NHWC input, HWIO filter, float32. The input arrives
 * already zero-padded (layout.c), so the inner loops carry no bounds checks.
 * Micro-kernel: MR output pixels × 8 output channels held in 2·MR SIMD
 * accumulators; every input value is splatted once and multiplied by two
 * filter vectors. */
#include "common.h"

/* 4 pixels × 8 channels: 8 accumulators, 2 filter vectors and a splat fit in
 * the 15 XMM registers V8 allocates on x64; at 6 pixels (12 accumulators) it
 * spills, and measured 1.5–2× slower. */
#define MR_MAX 4
#define TILES_PER_CHUNK 8
#define MAX_TAPS 1024

enum { ACT_LINEAR = 0, ACT_RELU = 1, ACT_RELU6 = 2 };

static struct {
  const float *x;    /* [N, Hp, Wp, Ci] padded */
  const float *w;    /* packed [CoB][taps][Ci][8] */
  const float *bias; /* [CoB*8] or 0 */
  float *y;          /* [N, OH, OW, Co] */
  int hp, wp, ci, oh, ow, co, taps, sh, sw, act, pixels;
  int tapoff[MAX_TAPS];
} F;

INLINE v128_t activate(v128_t v, int act) {
  if (act == ACT_RELU) return wasm_f32x4_max(v, wasm_f32x4_splat(0.f));
  if (act == ACT_RELU6)
    return wasm_f32x4_min(wasm_f32x4_max(v, wasm_f32x4_splat(0.f)), wasm_f32x4_splat(6.f));
  return v;
}

/* Stores 8 lanes, or the first `cols` of them for the last channel block. */
INLINE void store8(float *dst, v128_t a, v128_t b, int cols) {
  if (cols == 8) {
    wasm_v128_store(dst, a);
    wasm_v128_store(dst + 4, b);
    return;
  }
  float tmp[8];
  wasm_v128_store(tmp, a);
  wasm_v128_store(tmp + 4, b);
  for (int j = 0; j < cols; j++) dst[j] = tmp[j];
}

INLINE void conv_tile(const int MR, const int *base, const float *w, const float *bias, float *y,
                      int cols) {
  v128_t a0[MR_MAX], a1[MR_MAX];
  v128_t b0 = bias ? wasm_v128_load(bias) : wasm_f32x4_splat(0.f);
  v128_t b1 = bias ? wasm_v128_load(bias + 4) : wasm_f32x4_splat(0.f);
  for (int r = 0; r < MR; r++) { a0[r] = b0; a1[r] = b1; }
  const int ci = F.ci;
  for (int t = 0; t < F.taps; t++) {
    const float *xr[MR_MAX];
    for (int r = 0; r < MR; r++) xr[r] = F.x + base[r] + F.tapoff[t];
    for (int c = 0; c < ci; c++) {
      v128_t w0 = wasm_v128_load(w), w1 = wasm_v128_load(w + 4);
      w += 8;
      for (int r = 0; r < MR; r++) {
        v128_t xv = wasm_v128_load32_splat(xr[r] + c);
        a0[r] = MADD(a0[r], xv, w0);
        a1[r] = MADD(a1[r], xv, w1);
      }
    }
  }
  for (int r = 0; r < MR; r++)
    store8(y + r * F.co, activate(a0[r], F.act), activate(a1[r], F.act), cols);
}

static void conv_chunk(int chunk, int tid) {
  (void)tid;
  const int p0 = chunk * TILES_PER_CHUNK * MR_MAX;
  const int p1 = imin(p0 + TILES_PER_CHUNK * MR_MAX, F.pixels);
  const int per_image = F.oh * F.ow;
  const int blocks = (F.co + 7) / 8;
  const int wblock = F.taps * F.ci * 8;
  int bases[TILES_PER_CHUNK * MR_MAX];
  for (int p = p0; p < p1; p++) {
    int n = p / per_image, rem = p % per_image;
    int oy = rem / F.ow, ox = rem % F.ow;
    bases[p - p0] = ((n * F.hp + oy * F.sh) * F.wp + ox * F.sw) * F.ci;
  }
  for (int cb = 0; cb < blocks; cb++) {
    const float *w = F.w + cb * wblock;
    const float *bias = F.bias ? F.bias + cb * 8 : 0;
    const int cols = imin(8, F.co - cb * 8);
    for (int p = p0; p < p1; p += MR_MAX) {
      const int *base = bases + (p - p0);
      float *y = F.y + p * F.co + cb * 8;
      switch (imin(MR_MAX, p1 - p)) {
        case 4: conv_tile(4, base, w, bias, y, cols); break;
        case 3: conv_tile(3, base, w, bias, y, cols); break;
        case 2: conv_tile(2, base, w, bias, y, cols); break;
        default: conv_tile(1, base, w, bias, y, cols); break;
      }
    }
  }
}

/* Offsets of each filter tap inside the padded input, relative to a pixel's base. */
int fill_tap_offsets(int *tapoff, int kh, int kw, int dh, int dw, int wp, int ch) {
  if (kh * kw > MAX_TAPS) return 0;
  for (int i = 0; i < kh; i++)
    for (int j = 0; j < kw; j++) tapoff[i * kw + j] = (i * dh * wp + j * dw) * ch;
  return 1;
}

/* HWIO [taps][Ci][Co] → [CoB][taps][Ci][8], zero-filled past Co. */
EXPORT(pack_filter_forward)
void pack_filter_forward(const float *w, float *out, int taps, int ci, int co) {
  const int blocks = (co + 7) / 8;
  for (int cb = 0; cb < blocks; cb++)
    for (int t = 0; t < taps; t++)
      for (int c = 0; c < ci; c++)
        for (int j = 0; j < 8; j++) {
          int o = cb * 8 + j;
          *out++ = o < co ? w[(t * ci + c) * co + o] : 0.f;
        }
}

EXPORT(conv2d_forward)
int conv2d_forward(const float *xpadded, const float *wpacked, const float *bias8, float *y, int n,
                   int hp, int wp, int ci, int oh, int ow, int co, int kh, int kw, int sh, int sw,
                   int dh, int dw, int act) {
  if (!fill_tap_offsets(F.tapoff, kh, kw, dh, dw, wp, ci)) return 0;
  F.x = xpadded; F.w = wpacked; F.bias = bias8; F.y = y;
  F.hp = hp; F.wp = wp; F.ci = ci; F.oh = oh; F.ow = ow; F.co = co;
  F.taps = kh * kw; F.sh = sh; F.sw = sw; F.act = act; F.pixels = n * oh * ow;
  const int per_chunk = TILES_PER_CHUNK * MR_MAX;
  parallel_for(conv_chunk, (F.pixels + per_chunk - 1) / per_chunk);
  return 1;
}
