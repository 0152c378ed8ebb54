/* Batch-norm training forward and backward in place on tfjs's heap, over x
 * viewed as [M, C], single-threaded. Sums go through blocks of 256 rows added
 * into the total, so float32 error does not grow with M. Same rules as
 * relu.c: no stack, no static data; the caller passes scratch. */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))
#define BLOCK_ROWS 256

static inline void fill(float *p, int n, float v) {
  for (int k = 0; k < n; k++) p[k] = v;
}

/* total[k] += Σ_rows f(row)[k] for one of three quantities, through block sums.
 * kind 0: x; 1: (x − mean)²; 2: dy into total and dy·(x − mean) into total2. */
static void column_sums(const float *x, const float *dy, const float *mean, float *block,
                        float *block2, float *total, float *total2, int m, int c, int kind) {
  fill(total, c, 0.f);
  if (kind == 2) fill(total2, c, 0.f);
  const int vec = (c & 3) == 0;
  for (int r0 = 0; r0 < m; r0 += BLOCK_ROWS) {
    const int r1 = r0 + BLOCK_ROWS < m ? r0 + BLOCK_ROWS : m;
    fill(block, c, 0.f);
    if (kind == 2) fill(block2, c, 0.f);
    for (int r = r0; r < r1; r++) {
      const float *xr = x + (long)r * c;
      const float *gr = dy + (long)r * c;
      if (vec) {
        for (int k = 0; k < c; k += 4) {
          v128_t v = wasm_v128_load(xr + k);
          if (kind == 0) {
            wasm_v128_store(block + k, wasm_f32x4_add(wasm_v128_load(block + k), v));
          } else if (kind == 1) {
            v128_t d = wasm_f32x4_sub(v, wasm_v128_load(mean + k));
            wasm_v128_store(block + k, wasm_f32x4_add(wasm_v128_load(block + k), wasm_f32x4_mul(d, d)));
          } else {
            v128_t g = wasm_v128_load(gr + k);
            v128_t d = wasm_f32x4_sub(v, wasm_v128_load(mean + k));
            wasm_v128_store(block + k, wasm_f32x4_add(wasm_v128_load(block + k), g));
            wasm_v128_store(block2 + k, wasm_f32x4_add(wasm_v128_load(block2 + k), wasm_f32x4_mul(g, d)));
          }
        }
      } else {
        for (int k = 0; k < c; k++) {
          if (kind == 0) block[k] += xr[k];
          else if (kind == 1) { float d = xr[k] - mean[k]; block[k] += d * d; }
          else { block[k] += gr[k]; block2[k] += gr[k] * (xr[k] - mean[k]); }
        }
      }
    }
    for (int k = 0; k < c; k++) total[k] += block[k];
    if (kind == 2)
      for (int k = 0; k < c; k++) total2[k] += block2[k];
  }
}

/* y = γ·(x − mean)/√(var + ε) + β with this batch's mean and biased variance,
 * which are outputs too, then ReLU when `relu`. scratch: 2·C floats. */
EXPORT(bn_train_forward_inplace)
void bn_train_forward_inplace(const float *x, const float *gamma, const float *beta, float *y,
                              float *mean, float *var, float *scratch, int m, int c, float eps,
                              int relu) {
  float *block = scratch, *scale = scratch + c;
  const float inv_m = 1.f / (float)m;
  column_sums(x, x, mean, block, 0, mean, 0, m, c, 0);
  for (int k = 0; k < c; k++) mean[k] *= inv_m;
  column_sums(x, x, mean, block, 0, var, 0, m, c, 1);
  for (int k = 0; k < c; k++) var[k] *= inv_m;
  float *shift = block;
  for (int k = 0; k < c; k++) {
    scale[k] = gamma[k] / __builtin_sqrtf(var[k] + eps);
    shift[k] = beta[k] - mean[k] * scale[k];
  }
  const int vec = (c & 3) == 0;
  const v128_t zero = wasm_f32x4_splat(0.f);
  for (int r = 0; r < m; r++) {
    const float *xr = x + (long)r * c;
    float *yr = y + (long)r * c;
    if (vec) {
      for (int k = 0; k < c; k += 4) {
        v128_t v = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(xr + k), wasm_v128_load(scale + k)),
                                  wasm_v128_load(shift + k));
        wasm_v128_store(yr + k, relu ? wasm_f32x4_max(v, zero) : v);
      }
    } else {
      for (int k = 0; k < c; k++) {
        const float v = xr[k] * scale[k] + shift[k];
        yr[k] = relu && v < 0.f ? 0.f : v; /* a NaN stays NaN, so the NaN stop still sees it */
      }
    }
  }
}

/* dgamma = Σ dy·x̂, dbeta = Σ dy, dx = γ·rstd·(dy − dbeta/M − x̂·dgamma/M).
 * scratch: 5·C floats. */
EXPORT(bn_train_backward_inplace)
void bn_train_backward_inplace(const float *x, const float *dy, const float *mean,
                               const float *var, const float *gamma, float *dx, float *dgamma,
                               float *dbeta, float *scratch, int m, int c, float eps) {
  float *block = scratch, *block2 = scratch + c;
  float *kk = scratch + 2 * c, *aa = scratch + 3 * c, *bb = scratch + 4 * c;
  column_sums(x, dy, mean, block, block2, dbeta, dgamma, m, c, 2);
  const float inv_m = 1.f / (float)m;
  for (int k = 0; k < c; k++) {
    float rstd = 1.f / __builtin_sqrtf(var[k] + eps);
    float sum_dy_dev = dgamma[k];
    dgamma[k] = sum_dy_dev * rstd;
    kk[k] = gamma[k] * rstd;
    aa[k] = dbeta[k] * inv_m;
    bb[k] = sum_dy_dev * rstd * rstd * inv_m;
  }
  const int vec = (c & 3) == 0;
  for (int r = 0; r < m; r++) {
    const float *xr = x + (long)r * c, *gr = dy + (long)r * c;
    float *dr = dx + (long)r * c;
    if (vec) {
      for (int k = 0; k < c; k += 4) {
        v128_t d = wasm_f32x4_sub(wasm_v128_load(xr + k), wasm_v128_load(mean + k));
        v128_t t = wasm_f32x4_sub(wasm_f32x4_sub(wasm_v128_load(gr + k), wasm_v128_load(aa + k)),
                                  wasm_f32x4_mul(d, wasm_v128_load(bb + k)));
        wasm_v128_store(dr + k, wasm_f32x4_mul(t, wasm_v128_load(kk + k)));
      }
    } else {
      for (int k = 0; k < c; k++) dr[k] = kk[k] * (gr[k] - aa[k] - (xr[k] - mean[k]) * bb[k]);
    }
  }
}
