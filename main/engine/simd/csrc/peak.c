/* The machine's wasm SIMD ceiling: independent multiply-add chains with no
 * memory traffic, on every pool thread. The bench divides achieved GFLOP/s by
 * this to report the fraction of peak. */
#include "common.h"

static int peak_iterations;
static volatile float peak_sink[64];
static volatile float peak_scale = 0.999999f, peak_bias = 1e-7f;

static void peak_chunk(int chunk, int tid) {
  (void)tid;
  v128_t a[12];
  const v128_t m = wasm_f32x4_splat(peak_scale), b = wasm_f32x4_splat(peak_bias);
  for (int i = 0; i < 12; i++) a[i] = wasm_f32x4_splat((float)(i + chunk));
  for (int it = 0; it < peak_iterations; it++) {
    for (int i = 0; i < 12; i++) a[i] = MADD(b, a[i], m);
  }
  v128_t s = a[0];
  for (int i = 1; i < 12; i++) s = wasm_f32x4_add(s, a[i]);
  peak_sink[chunk & 63] = wasm_f32x4_extract_lane(s, 0);
}

/* Runs `chunks` independent chunks of `iterations` × 96 FLOP; returns FLOP done. */
EXPORT(peak_madd)
double peak_madd(int iterations, int chunks) {
  peak_iterations = iterations;
  parallel_for(peak_chunk, chunks);
  return (double)iterations * chunks * 12 * 8;
}
