/* conv2d forward, NHWC input, HWIO filter, float32. Padding is handled in
 * the kernel, not by a padded copy: each tap of a pixel whose window crosses
 * the border reads a row of zeros instead (interior tiles take no checks).
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
  const float *x;    /* [N, H, W, Ci] */
  const float *zero; /* Ci zeros, read by taps that fall in the padding */
  const float *w;    /* packed [CoB][taps][Ci][8] */
  const float *bias; /* [CoB*8] or 0 */
  float *y;          /* [N, OH, OW, Co] */
  int h, w_, ci, oh, ow, co, kh, kw, taps, sh, sw, dh, dw, top, left, act, pixels, chunk_pixels;
  int tapoff[MAX_TAPS];
  int tapdy[MAX_TAPS], tapdx[MAX_TAPS]; /* (i·dh, j·dw) of tap t, so border checks need no division */
} F;

/* Where an output pixel's window starts in the input, and whether every tap is inside. */
typedef struct {
  int base; /* offset of input (n, iy0, ix0), possibly outside the image */
  int iy0, ix0, interior;
} Window;

INLINE Window window_at(int n, int oy, int ox) {
  Window win;
  win.iy0 = oy * F.sh - F.top;
  win.ix0 = ox * F.sw - F.left;
  win.base = ((n * F.h + win.iy0) * F.w_ + win.ix0) * F.ci;
  win.interior = win.iy0 >= 0 && win.ix0 >= 0 && win.iy0 + (F.kh - 1) * F.dh < F.h &&
                 win.ix0 + (F.kw - 1) * F.dw < F.w_;
  return win;
}

/* The input row tap t of `win` reads: in the image, or the zero row. */
INLINE const float *tap_row(const Window *win, int t) {
  if (win->interior) return F.x + win->base + F.tapoff[t];
  const int iy = win->iy0 + F.tapdy[t], ix = win->ix0 + F.tapdx[t];
  if (iy < 0 || iy >= F.h || ix < 0 || ix >= F.w_) return F.zero;
  return F.x + win->base + F.tapoff[t];
}

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

INLINE void conv_tile(const int MR, const Window *win, const float *w, const float *bias, float *y,
                      int cols) {
  v128_t a0[MR_MAX], a1[MR_MAX];
  v128_t b0 = bias ? wasm_v128_load(bias) : wasm_f32x4_splat(0.f);
  v128_t b1 = bias ? wasm_v128_load(bias + 4) : wasm_f32x4_splat(0.f);
  for (int r = 0; r < MR; r++) { a0[r] = b0; a1[r] = b1; }
  /* Where every window is inside the image and taps are adjacent (dilation
   * 1), the kw taps of a kernel row are one contiguous run of kw·Ci inputs:
   * kh long inner loops instead of kh·kw short ones. */
  int all_interior = F.dw == 1;
  for (int r = 0; r < MR; r++) all_interior &= win[r].interior;
  const int runs = all_interior ? F.kh : F.taps;
  const int run = all_interior ? F.kw * F.ci : F.ci;
  for (int t = 0; t < runs; t++) {
    const float *xr[MR_MAX];
    const int tap = all_interior ? t * F.kw : t;
    for (int r = 0; r < MR; r++) xr[r] = tap_row(win + r, tap);
    for (int c = 0; c < run; c++) {
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

/* One group: 32 pixels (8 tiles), every output-channel block. */
static void conv_group(int p0, int p1) {
  const int blocks = (F.co + 7) / 8;
  const int wblock = F.taps * F.ci * 8;
  Window wins[TILES_PER_CHUNK * MR_MAX];
  /* One division for the group, then step through the output grid: at 16
   * channels, three divisions per pixel cost a fifth of the pixel's FLOPs. */
  const int per_image = F.oh * F.ow;
  int n = p0 / per_image, oy = (p0 % per_image) / F.ow, ox = p0 % F.ow;
  for (int p = p0; p < p1; p++) {
    wins[p - p0] = window_at(n, oy, ox);
    if (++ox == F.ow) {
      ox = 0;
      if (++oy == F.oh) { oy = 0; n++; }
    }
  }
  for (int cb = 0; cb < blocks; cb++) {
    const float *w = F.w + cb * wblock;
    const float *bias = F.bias ? F.bias + cb * 8 : 0;
    const int cols = imin(8, F.co - cb * 8);
    for (int p = p0; p < p1; p += MR_MAX) {
      const Window *base = wins + (p - p0);
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

/* A chunk is several groups, so the threads claim work from the shared
 * counter a few dozen times per call rather than thousands (with 16
 * channels a group is only microseconds of work). */
static void conv_chunk(int chunk, int tid) {
  (void)tid;
  const int group = TILES_PER_CHUNK * MR_MAX;
  const int p0 = chunk * F.chunk_pixels, p1 = imin(p0 + F.chunk_pixels, F.pixels);
  for (int p = p0; p < p1; p += group) conv_group(p, imin(p + group, p1));
}

/* Offsets of each filter tap inside the input, relative to a pixel's window base. */
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

/* x [N,H,W,Ci] unpadded; zero holds Ci zeros; (top, left) is the padding before row/col 0. */
EXPORT(conv2d_forward)
int conv2d_forward(const float *x, const float *zero, const float *wpacked, const float *bias8,
                   float *y, int n, int h, int w, int ci, int oh, int ow, int co, int kh, int kw,
                   int sh, int sw, int dh, int dw, int top, int left, int act) {
  if (!fill_tap_offsets(F.tapoff, kh, kw, dh, dw, w, ci)) return 0;
  for (int t = 0; t < kh * kw; t++) { F.tapdy[t] = (t / kw) * dh; F.tapdx[t] = (t % kw) * dw; }
  F.x = x; F.zero = zero; F.w = wpacked; F.bias = bias8; F.y = y;
  F.h = h; F.w_ = w; F.ci = ci; F.oh = oh; F.ow = ow; F.co = co; F.kh = kh; F.kw = kw;
  F.taps = kh * kw; F.sh = sh; F.sw = sw; F.dh = dh; F.dw = dw; F.top = top; F.left = left;
  F.act = act; F.pixels = n * oh * ow;
  const int group = TILES_PER_CHUNK * MR_MAX;
  const int groups = (F.pixels + group - 1) / group;
  const int chunks = imin(groups, 16 * thread_count());
  F.chunk_pixels = (groups + chunks - 1) / chunks * group;
  parallel_for(conv_chunk, (F.pixels + F.chunk_pixels - 1) / F.chunk_pixels);
  return 1;
}
