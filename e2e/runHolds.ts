import type { ToWorker, WorkerHandle } from '../main/engine/train/protocol';
import { spawnNodeWorker } from '../main/engine/train/spawn';
import { formatHoldPoints, TEST_HOLD_ENV, type HoldPoint } from '../main/engine/train/testHold';

interface Watched {
  handle: WorkerHandle;
  held: HoldPoint[];
  /** Holds already handed to the test by nextHold(). */
  taken: number;
  sent: ToWorker['type'][];
  exited: boolean;
}

/**
 * The training processes of an e2e host, with the test hold
 * (main/engine/train/testHold) so a spec never races the machine's speed:
 * the next run started holds after chosen batches, the spec waits for each
 * hold, acts, and releases it. Waits are driven by the processes' messages,
 * never by polling or sleeps.
 */
export class RunHolds {
  private readonly watched: Watched[] = [];
  private nextHolds: HoldPoint[] = [];
  /** Holds armed whose process has not started yet: until it has, the newest process is an older one. */
  private armed = false;
  private readonly waiters = new Set<() => void>();

  /** Every training process started, oldest first: a test can kill one as the OS would. */
  get workers(): WorkerHandle[] {
    return this.watched.map((w) => w.handle);
  }

  /** The next training process started holds after each of these batches (epoch and batch from 1). */
  holdNextRun(points: HoldPoint[]): void {
    this.nextHolds = points;
    this.armed = points.length > 0;
  }

  /** The spawner the host's training service uses. */
  readonly spawn = (): WorkerHandle => {
    const holds = this.nextHolds;
    this.nextHolds = [];
    this.armed = false;
    const worker = spawnNodeWorker(holds.length ? { env: { [TEST_HOLD_ENV]: formatHoldPoints(holds) } } : {});
    const watched: Watched = { handle: worker, held: [], taken: 0, sent: [], exited: false };
    worker.onMessage((message) => {
      const m = message as { type?: unknown; epoch?: unknown; batch?: unknown };
      if (m.type !== 'held' || typeof m.epoch !== 'number' || typeof m.batch !== 'number') return;
      watched.held.push({ epoch: m.epoch, batch: m.batch });
      this.notify();
    });
    worker.onExit(() => {
      watched.exited = true;
      this.notify();
    });
    watched.handle = {
      send: (message) => {
        watched.sent.push(message.type);
        worker.send(message);
        this.notify();
      },
      onMessage: (listener) => worker.onMessage(listener),
      onExit: (listener) => worker.onExit(listener),
      kill: () => worker.kill(),
      get pid() {
        return worker.pid;
      },
    };
    this.watched.push(watched);
    this.notify();
    return watched.handle;
  };

  /** The newest process's next hold, once it has stopped there. */
  async nextHold(): Promise<HoldPoint> {
    const w = await this.until((newest) => newest.held.length > newest.taken || newest.exited);
    const at = w.held[w.taken];
    if (!at) throw new Error('the training process exited before it reached its hold');
    w.taken++;
    return at;
  }

  /**
   * Resolves once the host has sent the newest process `count` messages of
   * this type: a release sent after it reaches the process after it, as the
   * channel keeps order.
   */
  async sent(type: ToWorker['type'], count = 1): Promise<void> {
    await this.until((newest) => newest.sent.filter((t) => t === type).length >= count);
  }

  /** Lets the newest process go on from its hold. */
  release(): void {
    const newest = this.watched.at(-1);
    if (!newest) throw new Error('no training process to release');
    newest.handle.send({ type: 'release' });
  }

  private until(ready: (newest: Watched) => boolean): Promise<Watched> {
    return new Promise((resolve) => {
      const check = (): void => {
        const newest = this.watched.at(-1);
        // A spec arms holds, then starts the run: a wait that began before the host spawned it is for that run.
        if (this.armed || !newest || !ready(newest)) return;
        this.waiters.delete(check);
        resolve(newest);
      };
      this.waiters.add(check);
      check();
    });
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }
}
