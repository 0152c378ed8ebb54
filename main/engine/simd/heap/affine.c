/* Per-channel affine map y = x·a + b over x viewed as [M, C]: batch-norm
 * inference once a = γ/√(σ² + ε) and b = β − μ·a are folded per channel.
 * Same rules as relu.c: no stack, no static data. */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

EXPORT(channel_affine)
void channel_affine(const float *x, const float *a, const float *b, float *y, int m, int c) {
  if ((c & 3) == 0) {
    for (int r = 0; r < m; r++) {
      const float *xr = x + (long)r * c;
      float *yr = y + (long)r * c;
      for (int k = 0; k < c; k += 4) {
        v128_t v = wasm_f32x4_mul(wasm_v128_load(xr + k), wasm_v128_load(a + k));
        wasm_v128_store(yr + k, wasm_f32x4_add(v, wasm_v128_load(b + k)));
      }
    }
    return;
  }
  for (int r = 0; r < m; r++)
    for (int k = 0; k < c; k++) y[(long)r * c + k] = x[(long)r * c + k] * a[k] + b[k];
}
