/* Direct conv2d gradients (NHWC, HWIO), not compositions.
 *   dX: scatter form. For a tile of output-gradient pixels and 8 input
 *       channels, each filter tap is a small GEMM over output channels whose
 *       result is added into dx at the tap's position (into a per-thread trash
 *       row where the tap lies in the padding). Work is split by image, so no
 *       two threads touch the same dx row.
 *   dW: per tap, dW[tap] = Σ_p x[p + tap]ᵀ · dy[p], reading unpadded x: a tap
 *       that falls in the padding reads a row of zeros. Pixels are split into a
 *       fixed number of slices, each summing into its own partial dW, then the
 *       partials are added in slice order: the result does not depend on the
 *       thread count or on which thread ran which slice. */
#include "common.h"

#define MR_MAX 4
#define MAX_TAPS 1024
#define DW_SUB 128
#define DW_SLICES 8

int fill_tap_offsets(int *tapoff, int kh, int kw, int dh, int dw, int wp, int ch);

static struct {
  const float *dy; /* [N, OH, OW, Co] */
  const float *w;  /* packed [CiB][taps][Co][8] */
  float *dx;       /* [N, H, W, Ci8], zeroed here */
  float *trash;    /* [threads][Ci8]: where taps in the padding add their (unused) sums */
  int h, w_, ci8, oh, ow, co, kh, kw, taps, sh, sw, dh, dw, top, left;
  int tapoff[MAX_TAPS];
} D;

typedef struct {
  int base; /* offset of dx (n, iy0, ix0) within the image, possibly outside it */
  int iy0, ix0, interior;
} Target;

INLINE Target target_of(int p) {
  Target t;
  t.iy0 = (p / D.ow) * D.sh - D.top;
  t.ix0 = (p % D.ow) * D.sw - D.left;
  t.base = (t.iy0 * D.w_ + t.ix0) * D.ci8;
  t.interior = t.iy0 >= 0 && t.ix0 >= 0 && t.iy0 + (D.kh - 1) * D.dh < D.h &&
               t.ix0 + (D.kw - 1) * D.dw < D.w_;
  return t;
}

/* The dx row tap t of a pixel adds into: in the image, or this thread's trash row. */
INLINE float *target_row(const Target *tg, int t, float *dx, float *trash) {
  if (tg->interior) return dx + tg->base + D.tapoff[t];
  const int iy = tg->iy0 + (t / D.kw) * D.dh, ix = tg->ix0 + (t % D.kw) * D.dw;
  if (iy < 0 || iy >= D.h || ix < 0 || ix >= D.w_) return trash;
  return dx + tg->base + D.tapoff[t];
}

INLINE void dx_tile(const int MR, const Target *tg, const float *dy, const float *w, float *dx,
                    float *trash) {
  const int co = D.co;
  for (int t = 0; t < D.taps; t++) {
    v128_t a0[MR_MAX], a1[MR_MAX];
    for (int r = 0; r < MR; r++) { a0[r] = wasm_f32x4_splat(0.f); a1[r] = a0[r]; }
    const float *wt = w + t * co * 8;
    for (int o = 0; o < co; o++) {
      v128_t w0 = wasm_v128_load(wt + o * 8), w1 = wasm_v128_load(wt + o * 8 + 4);
      for (int r = 0; r < MR; r++) {
        v128_t g = wasm_v128_load32_splat(dy + r * co + o);
        a0[r] = MADD(a0[r], g, w0);
        a1[r] = MADD(a1[r], g, w1);
      }
    }
    for (int r = 0; r < MR; r++) {
      float *d = target_row(tg + r, t, dx, trash);
      wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), a0[r]));
      wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), a1[r]));
    }
  }
}

static void dx_image(int n, int tid) {
  const int per_image = D.oh * D.ow;
  const int blocks = D.ci8 / 8;
  float *dx = D.dx + (size_t)n * D.h * D.w_ * D.ci8;
  float *trash = D.trash + (size_t)tid * D.ci8;
  memset(dx, 0, (size_t)D.h * D.w_ * D.ci8 * 4);
  Target tg[MR_MAX];
  for (int p = 0; p < per_image; p += MR_MAX) {
    const int mr = imin(MR_MAX, per_image - p);
    for (int r = 0; r < mr; r++) tg[r] = target_of(p + r);
    const float *dy = D.dy + ((size_t)n * per_image + p) * D.co;
    for (int cb = 0; cb < blocks; cb++) {
      const float *w = D.w + (size_t)cb * D.taps * D.co * 8;
      switch (mr) {
        case 4: dx_tile(4, tg, dy, w, dx + cb * 8, trash); break;
        case 3: dx_tile(3, tg, dy, w, dx + cb * 8, trash); break;
        case 2: dx_tile(2, tg, dy, w, dx + cb * 8, trash); break;
        default: dx_tile(1, tg, dy, w, dx + cb * 8, trash); break;
      }
    }
  }
}

/* HWIO [taps][Ci][Co] → [CiB][taps][Co][8], zero-filled past Ci. */
EXPORT(pack_filter_dx)
void pack_filter_dx(const float *w, float *out, int taps, int ci, int co) {
  const int blocks = (ci + 7) / 8;
  for (int cb = 0; cb < blocks; cb++)
    for (int t = 0; t < taps; t++)
      for (int o = 0; o < co; o++)
        for (int j = 0; j < 8; j++) {
          int c = cb * 8 + j;
          *out++ = c < ci ? w[(t * ci + c) * co + o] : 0.f;
        }
}

/* dx8 [N,H,W,Ci8] (the caller drops channels past Ci when Ci8 > Ci); trash
 * holds threads()·Ci8 floats of scratch; (top, left) is the forward padding. */
EXPORT(conv2d_backprop_input)
int conv2d_backprop_input(const float *dy, const float *wpacked, float *dx8, float *trash, int n,
                          int h, int w, int ci8, int oh, int ow, int co, int kh, int kw, int sh,
                          int sw, int dh, int dw, int top, int left) {
  if (!fill_tap_offsets(D.tapoff, kh, kw, dh, dw, w, ci8)) return 0;
  D.dy = dy; D.w = wpacked; D.dx = dx8; D.trash = trash;
  D.h = h; D.w_ = w; D.ci8 = ci8; D.oh = oh; D.ow = ow; D.co = co; D.kh = kh; D.kw = kw;
  D.taps = kh * kw; D.sh = sh; D.sw = sw; D.dh = dh; D.dw = dw; D.top = top; D.left = left;
  parallel_for(dx_image, n);
  return 1;
}

static struct {
  const float *x;    /* [N, H, W, Ci] */
  const float *zero; /* Ci zeros */
  const float *dy;   /* [P, Co8] */
  float *partial;    /* [slices][taps][Ci][Co8] */
  float *dw;         /* [taps][Ci][Co] */
  int h, w, ci, oh, ow, co, co8, kh, kw, taps, sh, sw, dh, dwl, top, left, pixels, slices, elems;
  int tapoff[MAX_TAPS];
} W;

/* rows[p] = the x row tap t of pixel p reads (its pixel's window start in iy0/ix0/base). */
static void tap_rows(const float **rows, const int *base, const int *iy0, const int *ix0, int count,
                     int t) {
  const int dy = (t / W.kw) * W.dh, dx = (t % W.kw) * W.dwl;
  for (int p = 0; p < count; p++) {
    const int iy = iy0[p] + dy, ix = ix0[p] + dx;
    rows[p] = iy < 0 || iy >= W.h || ix < 0 || ix >= W.w ? W.zero : W.x + base[p] + W.tapoff[t];
  }
}

INLINE void dw_tile(const int MR, const float **rows, int count, int c, const float *dy,
                    float *acc_out) {
  v128_t a0[MR_MAX], a1[MR_MAX];
  for (int r = 0; r < MR; r++) { a0[r] = wasm_f32x4_splat(0.f); a1[r] = a0[r]; }
  const int co8 = W.co8;
  for (int p = 0; p < count; p++) {
    v128_t g0 = wasm_v128_load(dy + p * co8), g1 = wasm_v128_load(dy + p * co8 + 4);
    const float *xp = rows[p] + c;
    for (int r = 0; r < MR; r++) {
      v128_t xv = wasm_v128_load32_splat(xp + r);
      a0[r] = MADD(a0[r], xv, g0);
      a1[r] = MADD(a1[r], xv, g1);
    }
  }
  for (int r = 0; r < MR; r++) {
    float *o = acc_out + r * co8;
    wasm_v128_store(o, wasm_f32x4_add(wasm_v128_load(o), a0[r]));
    wasm_v128_store(o + 4, wasm_f32x4_add(wasm_v128_load(o + 4), a1[r]));
  }
}

static void dw_slice(int slice, int tid) {
  (void)tid;
  const int per_slice = (W.pixels + W.slices - 1) / W.slices;
  const int s0 = slice * per_slice, s1 = imin(W.pixels, s0 + per_slice);
  float *part = W.partial + (size_t)slice * W.elems;
  memset(part, 0, (size_t)W.elems * 4);
  const int per_image = W.oh * W.ow;
  int bases[DW_SUB], iy0[DW_SUB], ix0[DW_SUB];
  const float *rows[DW_SUB];
  for (int q0 = s0; q0 < s1; q0 += DW_SUB) {
    const int count = imin(DW_SUB, s1 - q0);
    int n = q0 / per_image, oy = (q0 % per_image) / W.ow, ox = q0 % W.ow;
    for (int p = 0; p < count; p++) {
      iy0[p] = oy * W.sh - W.top;
      ix0[p] = ox * W.sw - W.left;
      bases[p] = ((n * W.h + iy0[p]) * W.w + ix0[p]) * W.ci;
      if (++ox == W.ow) {
        ox = 0;
        if (++oy == W.oh) { oy = 0; n++; }
      }
    }
    const float *dy = W.dy + (size_t)q0 * W.co8;
    for (int t = 0; t < W.taps; t++) {
      tap_rows(rows, bases, iy0, ix0, count, t);
      for (int c = 0; c < W.ci; c += MR_MAX) {
        float *out = part + ((size_t)t * W.ci + c) * W.co8;
        for (int cb = 0; cb < W.co8; cb += 8) {
          switch (imin(MR_MAX, W.ci - c)) {
            case 4: dw_tile(4, rows, count, c, dy + cb, out + cb); break;
            case 3: dw_tile(3, rows, count, c, dy + cb, out + cb); break;
            case 2: dw_tile(2, rows, count, c, dy + cb, out + cb); break;
            default: dw_tile(1, rows, count, c, dy + cb, out + cb); break;
          }
        }
      }
    }
  }
}

#define REDUCE_ROWS 64
static void dw_reduce(int chunk, int tid) {
  (void)tid;
  const int rows = W.taps * W.ci;
  const int r0 = chunk * REDUCE_ROWS, r1 = imin(rows, r0 + REDUCE_ROWS);
  for (int r = r0; r < r1; r++)
    for (int o = 0; o < W.co; o++) {
      float s = 0.f;
      for (int k = 0; k < W.slices; k++) s += W.partial[(size_t)k * W.elems + (size_t)r * W.co8 + o];
      W.dw[(size_t)r * W.co + o] = s;
    }
}

EXPORT(dw_partial_floats)
int dw_partial_floats(int kh, int kw, int ci, int co8) { return DW_SLICES * kh * kw * ci * co8; }

/* x [N,H,W,Ci] unpadded, zero holds Ci zeros, (top, left) the padding before
 * row/col 0; dy8 [N,OH,OW,Co8] (channels zero-padded to a multiple of 8);
 * partial holds dw_partial_floats(...) floats of scratch; dw [KH,KW,Ci,Co]. */
EXPORT(conv2d_backprop_filter)
int conv2d_backprop_filter(const float *x, const float *zero, const float *dy8, float *partial,
                           float *dw, int n, int h, int w, int ci, int oh, int ow, int co, int co8,
                           int kh, int kw, int sh, int sw, int dh, int dwl, int top, int left) {
  if (!fill_tap_offsets(W.tapoff, kh, kw, dh, dwl, w, ci)) return 0;
  W.x = x; W.zero = zero; W.dy = dy8; W.partial = partial; W.dw = dw;
  W.h = h; W.w = w; W.ci = ci; W.oh = oh; W.ow = ow; W.co = co; W.co8 = co8;
  W.kh = kh; W.kw = kw; W.taps = kh * kw; W.sh = sh; W.sw = sw; W.dh = dh; W.dwl = dwl;
  W.top = top; W.left = left; W.pixels = n * oh * ow;
  W.slices = imax(1, imin(DW_SLICES, (W.pixels + 63) / 64));
  W.elems = W.taps * ci * co8;
  parallel_for(dw_slice, W.slices);
  parallel_for(dw_reduce, (W.taps * ci + REDUCE_ROWS - 1) / REDUCE_ROWS);
  return 1;
}
