import { describe, expect, it } from 'vitest';
import { CRASH_RELOAD_LIMIT, shouldReloadAfterCrash } from './crashRecovery';

describe('shouldReloadAfterCrash', () => {
  it('reloads after a crash, a kill or running out of memory', () => {
    for (const reason of ['crashed', 'killed', 'oom', 'abnormal-exit', 'launch-failed'])
      expect(shouldReloadAfterCrash(reason, [], 1_000)).toBe(true);
  });

  it('leaves a renderer that exited cleanly alone', () => {
    expect(shouldReloadAfterCrash('clean-exit', [], 1_000)).toBe(false);
  });

  it('stops after the limit of crashes within the window, and reloads again once they are old', () => {
    const { count, windowMs } = CRASH_RELOAD_LIMIT;
    const now = 10 * windowMs;
    const recent = Array.from({ length: count }, (_, i) => now - 1_000 * (i + 1));
    expect(shouldReloadAfterCrash('crashed', recent.slice(0, count - 1), now)).toBe(true);
    expect(shouldReloadAfterCrash('crashed', recent, now)).toBe(false);
    const old = recent.map((at) => at - windowMs);
    expect(shouldReloadAfterCrash('crashed', old, now)).toBe(true);
  });
});
