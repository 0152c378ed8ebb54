import type { Page } from '@playwright/test';

/** Frame-time statistics of one scripted interaction, from requestAnimationFrame deltas in the page. */
export type FrameStats = {
  frames: number;
  medianFps: number;
  p95Fps: number;
  medianMs: number;
  p95Ms: number;
};

type ProbeWindow = Window & { __frameDeltas?: number[]; __frameProbeStop?: boolean };

/** Starts recording rAF deltas in the page (one list per interaction). */
export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as ProbeWindow;
    w.__frameDeltas = [];
    w.__frameProbeStop = false;
    let last = performance.now();
    const tick = (now: number) => {
      if (w.__frameProbeStop) return;
      w.__frameDeltas?.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** Stops recording and summarises: fps from the median and the 95th-percentile (slow) frame time. */
export async function stopFrameProbe(page: Page): Promise<FrameStats> {
  const deltas = await page.evaluate(() => {
    const w = window as ProbeWindow;
    w.__frameProbeStop = true;
    return w.__frameDeltas ?? [];
  });
  const sorted = [...deltas].sort((a, b) => a - b);
  const medianMs = percentile(sorted, 0.5);
  const p95Ms = percentile(sorted, 0.95);
  return { frames: deltas.length, medianMs, p95Ms, medianFps: 1000 / medianMs, p95Fps: 1000 / p95Ms };
}

/** A point on the empty canvas pane (so a drag pans instead of moving a node), searched on a grid. */
export async function findPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const canvas = document.querySelector('[data-testid=canvas]');
    const box = canvas?.getBoundingClientRect();
    if (!box) return null;
    for (let fy = 0.5; fy < 0.95; fy += 0.05) {
      for (let fx = 0.3; fx < 0.9; fx += 0.05) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('No empty pane point found to pan from.');
  return point;
}

/** The centre of a rendered node near the middle of the canvas, to drag. */
export async function findNodePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const canvas = document.querySelector('[data-testid=canvas]')?.getBoundingClientRect();
    if (!canvas) return null;
    const cx = canvas.left + canvas.width / 2;
    const cy = canvas.top + canvas.height / 2;
    let best: { x: number; y: number; d: number } | null = null;
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const r = node.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const d = Math.hypot(x - cx, y - cy);
      if (document.elementFromPoint(x, y)?.closest('.react-flow__node') !== node) continue;
      if (!best || d < best.d) best = { x, y, d };
    }
    return best;
  });
  if (!point) throw new Error('No node on screen to drag.');
  return point;
}

/** Presses at `from` and moves in `steps` mouse events along a back-and-forth path, then releases. */
export async function scriptedDrag(page: Page, from: { x: number; y: number }, steps: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const dx = Math.sin(t * Math.PI * 2) * 150;
    const dy = Math.sin(t * Math.PI * 4) * 60;
    await page.mouse.move(from.x + dx, from.y + dy);
  }
  await page.mouse.up();
}
