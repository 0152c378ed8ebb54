/* Layout moves around the convolutions: zero-padding an NHWC tensor
 * spatially and/or in channels, and cropping it back. Parallel over rows. */
#include "common.h"

static struct {
  const float *src;
  float *dst;
  int h, w, c;          /* source dims */
  int hp, wp, cp;       /* destination dims (cp ≥ c) */
  int top, left;        /* where source (0,0) lands in the destination */
} L;

static void pad_row(int row, int tid) {
  (void)tid;
  const int n = row / L.hp, y = row % L.hp;
  float *dst = L.dst + (size_t)row * L.wp * L.cp;
  const int sy = y - L.top;
  if (sy < 0 || sy >= L.h) {
    memset(dst, 0, (size_t)L.wp * L.cp * 4);
    return;
  }
  const float *src = L.src + ((size_t)n * L.h + sy) * L.w * L.c;
  const int x0 = imax(0, L.left), x1 = imin(L.wp, L.left + L.w);
  if (x0 > 0) memset(dst, 0, (size_t)x0 * L.cp * 4);
  if (x1 < L.wp) memset(dst + (size_t)x1 * L.cp, 0, (size_t)(L.wp - x1) * L.cp * 4);
  if (L.cp == L.c) {
    memcpy(dst + (size_t)x0 * L.cp, src + (size_t)(x0 - L.left) * L.c, (size_t)(x1 - x0) * L.c * 4);
    return;
  }
  for (int x = x0; x < x1; x++) {
    float *d = dst + (size_t)x * L.cp;
    const float *s = src + (size_t)(x - L.left) * L.c;
    int k = 0;
    for (; k < L.c; k++) d[k] = s[k];
    for (; k < L.cp; k++) d[k] = 0.f;
  }
}

/* src [n,h,w,c] → dst [n,hp,wp,cp] with src at (top,left); rows/cols past
 * src are zero, and so are channels ≥ c. Source rows past hp are dropped. */
EXPORT(pad_nhwc)
void pad_nhwc(const float *src, float *dst, int n, int h, int w, int c, int hp, int wp, int cp,
              int top, int left) {
  L.src = src; L.dst = dst; L.h = h; L.w = w; L.c = c;
  L.hp = hp; L.wp = wp; L.cp = cp; L.top = top; L.left = left;
  parallel_for(pad_row, n * hp);
}

static void crop_row(int row, int tid) {
  (void)tid;
  const int n = row / L.h, y = row % L.h;
  float *dst = L.dst + (size_t)row * L.w * L.c;
  const float *src = L.src + (((size_t)n * L.hp + y + L.top) * L.wp + L.left) * L.cp;
  if (L.cp == L.c) {
    memcpy(dst, src, (size_t)L.w * L.c * 4);
    return;
  }
  for (int x = 0; x < L.w; x++)
    for (int k = 0; k < L.c; k++) dst[x * L.c + k] = src[(size_t)x * L.cp + k];
}

/* Inverse of pad_nhwc: dst [n,h,w,c] = src [n, top.., left.., :c]. */
EXPORT(crop_nhwc)
void crop_nhwc(const float *src, float *dst, int n, int h, int w, int c, int hp, int wp, int cp,
               int top, int left) {
  L.src = src; L.dst = dst; L.h = h; L.w = w; L.c = c;
  L.hp = hp; L.wp = wp; L.cp = cp; L.top = top; L.left = left;
  parallel_for(crop_row, n * h);
}
