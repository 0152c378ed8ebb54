/* Batch-norm training forward/backward over x viewed as [M, C] (M = N·H·W).
 * Statistics use fixed row slices with per-slice partial sums added in slice
 * order, so results do not depend on the thread count. Variance is two-pass
 * (Σ(x − mean)²) for accuracy. */
#include "common.h"

#define BN_SLICES 16
#define BN_ROWS_PER_CHUNK 256

static struct {
  const float *x, *dy, *gamma, *beta;
  float *y, *mean, *var, *dgamma, *dbeta, *partial, *partial2;
  float eps;
  int m, c, slices, relu;
} B;

INLINE int slice_rows(void) { return (B.m + B.slices - 1) / B.slices; }

/* acc[c] += Σ_rows f(row) over one slice; f picks the quantity. */
enum { SUM_X = 0, SUM_SQDEV = 1, SUM_DY_AND_DYDEV = 2 };
static int sum_kind;

static void sum_slice(int slice, int tid) {
  (void)tid;
  const int c = B.c, r0 = slice * slice_rows(), r1 = imin(B.m, r0 + slice_rows());
  float *acc = B.partial + (size_t)slice * c;
  float *acc2 = B.partial2 + (size_t)slice * c;
  memset(acc, 0, (size_t)c * 4);
  if (sum_kind == SUM_DY_AND_DYDEV) memset(acc2, 0, (size_t)c * 4);
  const int c4 = c & ~3;
  for (int r = r0; r < r1; r++) {
    const float *x = B.x + (size_t)r * c;
    const float *dy = B.dy + (size_t)r * c;
    int k = 0;
    for (; k < c4; k += 4) {
      v128_t xv = wasm_v128_load(x + k);
      if (sum_kind == SUM_X) {
        wasm_v128_store(acc + k, wasm_f32x4_add(wasm_v128_load(acc + k), xv));
      } else if (sum_kind == SUM_SQDEV) {
        v128_t d = wasm_f32x4_sub(xv, wasm_v128_load(B.mean + k));
        wasm_v128_store(acc + k, wasm_f32x4_add(wasm_v128_load(acc + k), wasm_f32x4_mul(d, d)));
      } else {
        v128_t g = wasm_v128_load(dy + k);
        v128_t d = wasm_f32x4_sub(xv, wasm_v128_load(B.mean + k));
        wasm_v128_store(acc + k, wasm_f32x4_add(wasm_v128_load(acc + k), g));
        wasm_v128_store(acc2 + k, wasm_f32x4_add(wasm_v128_load(acc2 + k), wasm_f32x4_mul(g, d)));
      }
    }
    for (; k < c; k++) {
      if (sum_kind == SUM_X) acc[k] += x[k];
      else if (sum_kind == SUM_SQDEV) { float d = x[k] - B.mean[k]; acc[k] += d * d; }
      else { acc[k] += dy[k]; acc2[k] += dy[k] * (x[k] - B.mean[k]); }
    }
  }
}

static void reduce_slices(const float *partial, float *out, float scale) {
  for (int k = 0; k < B.c; k++) {
    float s = 0.f;
    for (int i = 0; i < B.slices; i++) s += partial[(size_t)i * B.c + k];
    out[k] = s * scale;
  }
}

static void setup(const float *x, int m, int c, float *partial) {
  B.x = x; B.m = m; B.c = c;
  B.slices = imax(1, imin(BN_SLICES, m / 64));
  B.partial = partial;
  B.partial2 = partial + (size_t)BN_SLICES * c;
}

EXPORT(bn_scratch_floats) int bn_scratch_floats(int c) { return 2 * BN_SLICES * c; }

/* scale = γ·rstd and shift = β − mean·scale are computed by the caller into
 * B.partial2 before the normalise pass. */
static void normalise_rows(int chunk, int tid) {
  (void)tid;
  const int c = B.c, c4 = c & ~3;
  const int r0 = chunk * BN_ROWS_PER_CHUNK, r1 = imin(B.m, r0 + BN_ROWS_PER_CHUNK);
  const float *scale = B.partial2, *shift = B.partial2 + c;
  const v128_t zero = wasm_f32x4_splat(0.f);
  for (int r = r0; r < r1; r++) {
    const float *x = B.x + (size_t)r * c;
    float *y = B.y + (size_t)r * c;
    int k = 0;
    for (; k < c4; k += 4) {
      v128_t v = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(x + k), wasm_v128_load(scale + k)),
                                wasm_v128_load(shift + k));
      wasm_v128_store(y + k, B.relu ? wasm_f32x4_max(v, zero) : v);
    }
    for (; k < c; k++) {
      float v = x[k] * scale[k] + shift[k];
      y[k] = B.relu && v < 0.f ? 0.f : v;
    }
  }
}

/* y = γ·(x − mean)/√(var + ε) + β with batch statistics; mean/var [C] are
 * outputs (var biased, as tf.moments). scratch: bn_scratch_floats(c). */
EXPORT(bn_train_forward)
void bn_train_forward(const float *x, const float *gamma, const float *beta, float *y, float *mean,
                      float *var, float *scratch, int m, int c, float eps, int relu) {
  setup(x, m, c, scratch);
  B.mean = mean; B.var = var; B.y = y; B.relu = relu;
  sum_kind = SUM_X;
  parallel_for(sum_slice, B.slices);
  reduce_slices(B.partial, mean, 1.f / (float)m);
  sum_kind = SUM_SQDEV;
  parallel_for(sum_slice, B.slices);
  reduce_slices(B.partial, var, 1.f / (float)m);
  float *scale = B.partial2, *shift = B.partial2 + c;
  for (int k = 0; k < c; k++) {
    float s = gamma[k] / __builtin_sqrtf(var[k] + eps);
    scale[k] = s;
    shift[k] = beta[k] - mean[k] * s;
  }
  parallel_for(normalise_rows, (m + BN_ROWS_PER_CHUNK - 1) / BN_ROWS_PER_CHUNK);
}

static void grad_rows(int chunk, int tid) {
  (void)tid;
  const int c = B.c, c4 = c & ~3;
  const int r0 = chunk * BN_ROWS_PER_CHUNK, r1 = imin(B.m, r0 + BN_ROWS_PER_CHUNK);
  /* dx = k·(dy − a − (x − mean)·b) with per-channel k, a, b in partial2. */
  const float *kk = B.partial2, *aa = B.partial2 + c, *bb = B.partial2 + 2 * c;
  for (int r = r0; r < r1; r++) {
    const float *x = B.x + (size_t)r * c, *dy = B.dy + (size_t)r * c;
    float *dx = B.y + (size_t)r * c;
    int k = 0;
    for (; k < c4; k += 4) {
      v128_t d = wasm_f32x4_sub(wasm_v128_load(x + k), wasm_v128_load(B.mean + k));
      v128_t t = wasm_f32x4_sub(wasm_f32x4_sub(wasm_v128_load(dy + k), wasm_v128_load(aa + k)),
                                wasm_f32x4_mul(d, wasm_v128_load(bb + k)));
      wasm_v128_store(dx + k, wasm_f32x4_mul(t, wasm_v128_load(kk + k)));
    }
    for (; k < c; k++) dx[k] = kk[k] * (dy[k] - aa[k] - (x[k] - B.mean[k]) * bb[k]);
  }
}

/* Gradients of y = γ·x̂ + β with batch statistics. scratch: bn_scratch_floats(c)
 * plus 3·c floats. dgamma = Σ dy·x̂, dbeta = Σ dy,
 * dx = γ·rstd·(dy − dbeta/M − x̂·dgamma/M). */
EXPORT(bn_train_backward)
void bn_train_backward(const float *x, const float *dy, const float *mean, const float *var,
                       const float *gamma, float *dx, float *dgamma, float *dbeta, float *scratch,
                       int m, int c, float eps) {
  setup(x, m, c, scratch);
  B.dy = dy; B.mean = (float *)mean; B.y = dx;
  sum_kind = SUM_DY_AND_DYDEV;
  parallel_for(sum_slice, B.slices);
  reduce_slices(B.partial, dbeta, 1.f);
  reduce_slices(B.partial2, dgamma, 1.f);
  float *coef = scratch + 2 * BN_SLICES * c;
  const float inv_m = 1.f / (float)m;
  for (int k = 0; k < c; k++) {
    float rstd = 1.f / __builtin_sqrtf(var[k] + eps);
    float sum_dy_dev = dgamma[k];
    dgamma[k] = sum_dy_dev * rstd;
    coef[k] = gamma[k] * rstd;
    coef[c + k] = dbeta[k] * inv_m;
    coef[2 * c + k] = sum_dy_dev * rstd * rstd * inv_m;
  }
  B.partial2 = coef;
  parallel_for(grad_rows, (m + BN_ROWS_PER_CHUNK - 1) / BN_ROWS_PER_CHUNK);
}
