import type { BrowserWindow } from 'electron';

/** Reasons Electron gives for a renderer that is gone but did not fail. */
const NOT_A_CRASH = new Set(['clean-exit']);

/** At most this many reloads in this window of time: a renderer that crashes on load must not loop forever. */
export const CRASH_RELOAD_LIMIT = { count: 3, windowMs: 60_000 } as const;

/**
 * Whether a window whose renderer just went away should be reloaded. Pure, so
 * it is unit-tested: reload on a crash, kill or OOM, unless the renderer has
 * already crashed `count` times within `windowMs`.
 */
export function shouldReloadAfterCrash(
  reason: string,
  earlierCrashes: readonly number[],
  now: number,
  limit: { count: number; windowMs: number } = CRASH_RELOAD_LIMIT,
): boolean {
  if (NOT_A_CRASH.has(reason)) return false;
  const recent = earlierCrashes.filter((at) => now - at < limit.windowMs);
  return recent.length < limit.count;
}

/**
 * A crashed editor comes back by itself: the reloaded page finds the hot-exit
 * backup (written within 2 s of the last edit) and offers the unsaved graph.
 */
export function reloadOnRendererCrash(window: BrowserWindow, now: () => number = Date.now): void {
  const crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    const at = now();
    const reload = shouldReloadAfterCrash(details.reason, crashes, at);
    crashes.push(at);
    if (!reload || window.isDestroyed()) {
      console.error(`Deepwire: the editor's renderer is gone (${details.reason}); not reloading`);
      return;
    }
    console.error(`Deepwire: the editor's renderer is gone (${details.reason}); reloading`);
    window.webContents.reload();
  });
}
