/* Thread pool dispatch over one shared linear memory. Workers sit in
 * worker_loop (a wasm futex wait on `generation`); the caller publishes a
 * task, bumps the generation, takes chunks itself, then waits for `busy` to
 * drain. Chunks are claimed with an atomic counter, so a core stolen by
 * another process only slows its own share. */
#include "common.h"

#ifdef __wasm_atomics__
#define ATOMIC_LOAD(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define ATOMIC_ADD(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)
#define ATOMIC_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#else
#define ATOMIC_LOAD(p) (*(p))
#define ATOMIC_ADD(p, v) ((*(p) += (v)) - (v))
#define ATOMIC_STORE(p, v) (*(p) = (v))
#endif

static int workers;          /* pool workers, excluding the caller */
__attribute__((unused)) static int generation;       /* bumped once per published task */
__attribute__((unused)) static int busy;             /* workers still inside the current task */
static int next_chunk;
static int total_chunks;
static task_fn current_task;

#define SPIN_ITERATIONS 20000

__attribute__((unused)) static void run_chunks(int tid) {
  task_fn task = current_task;
  int n = total_chunks;
  for (;;) {
    int c = ATOMIC_ADD(&next_chunk, 1);
    if (c >= n) break;
    task(c, tid);
  }
}

EXPORT(set_workers) void set_workers(int n) { workers = n; }
int thread_count(void) { return workers + 1; }
EXPORT(threads) int threads(void) { return workers + 1; }

#ifdef __wasm_atomics__
/* Never returns: a worker thread parks here for the life of the pool. */
EXPORT(worker_loop) void worker_loop(int tid) {
  int seen = 0;
  for (;;) {
    int g;
    int spins = 0;
    while ((g = ATOMIC_LOAD(&generation)) == seen) {
      if (++spins > SPIN_ITERATIONS) {
        __builtin_wasm_memory_atomic_wait32(&generation, seen, -1);
        spins = 0;
      }
    }
    seen = g;
    run_chunks(tid);
    if (ATOMIC_ADD(&busy, -1) == 1) __builtin_wasm_memory_atomic_notify(&busy, 1);
  }
}
#endif

void parallel_for(task_fn task, int chunks) {
  if (chunks <= 0) return;
  if (workers == 0 || chunks == 1) {
    for (int c = 0; c < chunks; c++) task(c, 0);
    return;
  }
#ifdef __wasm_atomics__
  current_task = task;
  total_chunks = chunks;
  ATOMIC_STORE(&next_chunk, 0);
  ATOMIC_STORE(&busy, workers);
  ATOMIC_ADD(&generation, 1);
  __builtin_wasm_memory_atomic_notify(&generation, workers);
  run_chunks(0);
  int spins = 0;
  int b;
  while ((b = ATOMIC_LOAD(&busy)) != 0) {
    if (++spins > SPIN_ITERATIONS) {
      __builtin_wasm_memory_atomic_wait32(&busy, b, -1);
      spins = 0;
    }
  }
#else
  for (int c = 0; c < chunks; c++) task(c, 0);
#endif
}

void *memset(void *dst, int value, size_t n) {
  __builtin_memset(dst, value, n);
  return dst;
}
void *memcpy(void *dst, const void *src, size_t n) {
  __builtin_memcpy(dst, src, n);
  return dst;
}
