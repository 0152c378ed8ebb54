/* Shared helpers for Deepwire's wasm SIMD kernels: exports, SIMD types, the
 * parallel-for every kernel splits its work with. */
#pragma once
#include <stdint.h>
typedef __SIZE_TYPE__ size_t;
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))
#define INLINE static inline __attribute__((always_inline))

typedef void (*task_fn)(int chunk, int tid);

/* Runs task(chunk, tid) for chunk in [0, chunks) on the calling thread and
 * every pool worker; returns when all chunks are done. */
void parallel_for(task_fn task, int chunks);
/* Threads taking part (pool workers + the caller). */
int thread_count(void);

INLINE int imin(int a, int b) { return a < b ? a : b; }
INLINE int imax(int a, int b) { return a > b ? a : b; }

/* memset/memcpy: -nostdlib has no libc; bulk-memory gives fast ones. */
void *memset(void *dst, int value, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

/* acc + a·b: one fused multiply-add where the module is built with relaxed
 * SIMD (runtime.ts loads that build only where the engine validates it), a
 * multiply then an add elsewhere. */
#ifdef __wasm_relaxed_simd__
#define MADD(acc, a, b) wasm_f32x4_relaxed_madd((a), (b), (acc))
#else
#define MADD(acc, a, b) wasm_f32x4_add((acc), wasm_f32x4_mul((a), (b)))
#endif
