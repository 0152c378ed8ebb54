/* Kernels that run in place on tfjs-backend-wasm's own memory (imported), so
 * no tensor is copied between heaps. Single-threaded: that memory is not
 * shared. They must use no stack and no static data, since neither this
 * module's stack nor its data segments are reserved in tfjs's heap (the
 * heap-kernels test checks the binary has neither). */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/* out = x > 0 ? dy : 0, n floats, all pointers 16-byte aligned or not. */
EXPORT(relu_grad)
void relu_grad(const float *dy, const float *x, float *out, int n) {
  const v128_t zero = wasm_f32x4_splat(0.f);
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    for (int j = 0; j < 16; j += 4) {
      v128_t mask = wasm_f32x4_gt(wasm_v128_load(x + i + j), zero);
      wasm_v128_store(out + i + j, wasm_v128_and(wasm_v128_load(dy + i + j), mask));
    }
  }
  for (; i < n; i++) out[i] = x[i] > 0.f ? dy[i] : 0.f;
}
