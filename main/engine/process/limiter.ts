import { availableParallelism } from 'node:os';

/** Why a queued job never ran: it was cancelled while waiting for a slot. */
export class QueueCancelled extends Error {
  constructor(readonly key: string) {
    super(`'${key}' was cancelled before it started`);
    this.name = 'QueueCancelled';
  }
}

interface Waiter {
  key: string;
  start(): void;
  cancel(): void;
}

/**
 * Caps how many worker processes of one kind run at once (training runs,
 * exports, inspection jobs): a job starts at once when a slot is free, else
 * it waits in order. `onQueue` hears the waiting keys, first to start first,
 * whenever that list changes, so callers can show each job's place.
 */
export class ProcessLimiter {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly max: number,
    private readonly onQueue: (waiting: readonly string[]) => void = () => undefined,
  ) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`a limiter needs at least one slot, not ${max}`);
  }

  /**
   * Runs `job` once a slot is free (synchronously when one is free now); the
   * slot is held until the job's promise settles. Rejects with QueueCancelled
   * if `cancel(key)` removes it first.
   */
  run<T>(job: () => Promise<T>, key = ''): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        let result: Promise<T>;
        try {
          result = job();
        } catch (error) {
          result = Promise.reject(error);
        }
        // The slot is free (and the next job started) by the time the caller hears the result.
        result
          .finally(() => {
            this.running--;
            this.startWaiting();
          })
          .then(resolve, reject);
      };
      if (this.running < this.max && this.queue.length === 0) {
        start();
        return;
      }
      this.queue.push({ key, start, cancel: () => reject(new QueueCancelled(key)) });
      this.onQueue(this.waiting);
    });
  }

  /** Removes a waiting job; false when none with that key is waiting (it runs, ended or never was). */
  cancel(key: string): boolean {
    const index = this.queue.findIndex((w) => w.key === key);
    if (index < 0) return false;
    const [waiter] = this.queue.splice(index, 1);
    waiter?.cancel();
    this.onQueue(this.waiting);
    return true;
  }

  /** Cancels every waiting job (the host is closing). */
  clear(): void {
    const waiting = this.queue.splice(0);
    for (const waiter of waiting) waiter.cancel();
    if (waiting.length > 0) this.onQueue(this.waiting);
  }

  /** The waiting jobs' keys, the next to start first. */
  get waiting(): readonly string[] {
    return this.queue.map((w) => w.key);
  }

  get active(): number {
    return this.running;
  }

  private startWaiting(): void {
    let started = false;
    while (this.running < this.max) {
      const next = this.queue.shift();
      if (!next) break;
      started = true;
      next.start();
    }
    if (started) this.onQueue(this.waiting);
  }
}

/** Concurrent trainings by default: one per core, at most two (each already uses every core it can). */
export function defaultTrainingSlots(cores = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores));
}
