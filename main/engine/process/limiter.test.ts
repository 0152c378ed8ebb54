import { describe, expect, it } from 'vitest';
import { defaultTrainingSlots, ProcessLimiter, QueueCancelled } from './limiter';

/** A job the test finishes by hand, recording when it started. */
function manualJob(log: string[], name: string) {
  let finish: () => void = () => undefined;
  const job = () => {
    log.push(name);
    return new Promise<string>((resolve) => {
      finish = () => resolve(name);
    });
  };
  return { job, finish: () => finish() };
}

describe('ProcessLimiter', () => {
  it('starts jobs up to its cap at once, queues the rest in order and reports their places', async () => {
    const started: string[] = [];
    const queues: string[][] = [];
    const limiter = new ProcessLimiter(2, (waiting) => queues.push([...waiting]));
    const jobs = ['a', 'b', 'c', 'd'].map((n) => manualJob(started, n));
    const results = jobs.map((j, i) => limiter.run(j.job, String(i)));
    expect(started).toEqual(['a', 'b']);
    expect(limiter.waiting).toEqual(['2', '3']);
    expect(queues.at(-1)).toEqual(['2', '3']);
    jobs[0]!.finish();
    await results[0];
    expect(started).toEqual(['a', 'b', 'c']);
    expect(queues.at(-1)).toEqual(['3']);
    expect(limiter.active).toBe(2);
  });

  it('cancels a waiting job, which then never starts, and frees no slot', async () => {
    const started: string[] = [];
    const limiter = new ProcessLimiter(1);
    const first = manualJob(started, 'first');
    const second = manualJob(started, 'second');
    const running = limiter.run(first.job, 'first');
    const waiting = limiter.run(second.job, 'second');
    expect(limiter.cancel('second')).toBe(true);
    await expect(waiting).rejects.toBeInstanceOf(QueueCancelled);
    expect(limiter.cancel('first')).toBe(false);
    first.finish();
    await running;
    expect(started).toEqual(['first']);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a job throws or rejects', async () => {
    const limiter = new ProcessLimiter(1);
    await expect(
      limiter.run(() => {
        throw new Error('spawn failed');
      }),
    ).rejects.toThrow('spawn failed');
    await expect(limiter.run(() => Promise.reject(new Error('late')))).rejects.toThrow('late');
    await expect(limiter.run(async () => 'ran')).resolves.toBe('ran');
  });

  it('defaults to one training per core, at most two', () => {
    expect(defaultTrainingSlots(1)).toBe(1);
    expect(defaultTrainingSlots(2)).toBe(2);
    expect(defaultTrainingSlots(64)).toBe(2);
    expect(defaultTrainingSlots(0)).toBe(1);
  });
});
