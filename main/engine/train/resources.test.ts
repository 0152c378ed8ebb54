import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../core/training/events';
import { DEFAULT_SETTINGS } from '../../../core/training/settings';
import { initBackend, tf } from '../backends';
import { compileGraph } from '../compile';
import { tinyDigitsGraph } from './fixtures';
import { runSession, toFailedEvent } from './session';

const CYCLES = 200;
const MiB = 1024 * 1024;

/** A full GC between samples, so RSS reflects what is still live rather than when the collector last ran. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? () => void gc() : () => undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('resources over many fit/predict cycles (cpu)', () => {
  beforeAll(async () => {
    await initBackend({ force: 'cpu' });
  });

  it(`${CYCLES} compile → fit → predict → dispose cycles return to the tensor baseline and memory levels off`, async () => {
    const x = tf.randomUniform([32, 28, 28, 1], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.randomUniform([32], 0, 10, 'int32', 2), 10).toFloat();
    const baseline = tf.memory().numTensors;
    const gc = collectGarbage();
    const rss: number[] = [];
    const heap: number[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { model } = compileGraph(tinyDigitsGraph({ dense: 16, dropout: 0.2 }), { seed: cycle });
      // A string optimizer is owned by the model, so model.dispose() frees its slots too.
      model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
      await model.fit(x, y, { epochs: 1, batchSize: 16, shuffle: false, verbose: 0 });
      const predicted = model.predict(x) as tf.Tensor;
      expect(predicted.shape).toEqual([32, 10]);
      predicted.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
      if (cycle % 5 === 4) {
        gc();
        const usage = process.memoryUsage();
        rss.push(usage.rss);
        heap.push(usage.heapUsed);
      }
    }
    x.dispose();
    y.dispose();

    // Plateau, not zero growth: the heap settles in the first half (JIT, pools, allocator arenas);
    // a leak would keep growing in the second half at the same rate.
    const quarter = rss.length / 4;
    const q = (i: number) => median(rss.slice(i * quarter, (i + 1) * quarter));
    const firstHalfGrowth = q(1) - q(0);
    const lastHalfGrowth = q(3) - q(2);
    // 8 MiB over 100 cycles is below one leaked model per cycle (its weights and Adam slots are ~0.15 MiB).
    const bound = Math.max(0.5 * firstHalfGrowth, 8 * MiB);
    console.log(
      `rss medians by quarter (MiB): ${[0, 1, 2, 3].map((i) => (q(i) / MiB).toFixed(1)).join(', ')}; ` +
        `heap after gc ${(heap[0]! / MiB).toFixed(1)} → ${(heap[heap.length - 1]! / MiB).toFixed(1)} MiB; ` +
        `last-half growth ${(lastHalfGrowth / MiB).toFixed(1)} MiB ≤ bound ${(bound / MiB).toFixed(1)} MiB`,
    );
    expect(lastHalfGrowth).toBeLessThanOrEqual(bound);
  }, 240_000);
});

describe('memory failures are reported as such', () => {
  const root = mkdtempSync(join(tmpdir(), 'deepwire-resources-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('an out-of-memory error becomes code oom with the advice to lower the batch size', () => {
    const failed = toFailedEvent(new RangeError('Array buffer allocation failed'));
    expect(failed).toMatchObject({ type: 'failed', code: 'oom' });
    expect(failed.reason).toMatch(/ran out of memory/);
    expect(failed.reason).toMatch(/Lower the batch size/);
    expect(toFailedEvent(new Error('something else'))).toMatchObject({
      code: 'internal',
      reason: 'something else',
    });
  });

  it('warns before training when the estimate is over the share of memory, then carries on', async () => {
    const events: TrainingEvent[] = [];
    await runSession({
      runId: 'big',
      runDir: join(root, 'big'),
      // A missing dataset ends the run right after the pre-flight check: no training needed to see the warning.
      start: {
        document: tinyDigitsGraph(),
        settings: {
          ...DEFAULT_SETTINGS,
          backend: 'cpu',
          batchSize: 256,
          dataset: `mnist:${join(root, 'none')}`,
        },
      },
      emit: (e) => events.push(e),
      totalMemoryBytes: 1 * MiB,
    });
    const warning = events.find((e) => e.type === 'status' && /out of memory/.test(e.message ?? ''));
    expect(warning).toMatchObject({ type: 'status', phase: 'compiling' });
    expect(warning?.type === 'status' && warning.message).toMatch(/batch size 256/);
    // The run went on to the data step (which fails here), so the warning did not stop it.
    expect(events.some((e) => e.type === 'status' && e.phase === 'loading-data')).toBe(true);

    const quiet: TrainingEvent[] = [];
    await runSession({
      runId: 'small',
      runDir: join(root, 'small'),
      start: {
        document: tinyDigitsGraph(),
        settings: { ...DEFAULT_SETTINGS, backend: 'cpu', dataset: `mnist:${join(root, 'none')}` },
      },
      emit: (e) => quiet.push(e),
      totalMemoryBytes: 64 * 1024 * MiB,
    });
    expect(quiet.some((e) => e.type === 'status' && /out of memory/.test(e.message ?? ''))).toBe(false);
  });
});
