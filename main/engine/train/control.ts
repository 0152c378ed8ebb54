import type { HoldPoint } from './testHold';

/**
 * Pause / resume / stop requests for a running loop. The loop polls it
 * between batches, so a request takes effect after the current batch.
 */
export class RunControl {
  private pausedFlag = false;
  private stopFlag = false;
  private wake: (() => void) | null = null;
  private holds = new Set<string>();
  private onHeld: ((at: HoldPoint) => void) | null = null;
  private unhold: (() => void) | null = null;

  pause(): void {
    if (!this.stopFlag) this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    this.release();
  }

  stop(): void {
    this.stopFlag = true;
    this.pausedFlag = false;
    this.release();
    this.releaseHold();
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  get stopped(): boolean {
    return this.stopFlag;
  }

  /** Resolves when the run may continue (resumed or stopped). */
  waitWhilePaused(): Promise<void> {
    if (!this.pausedFlag) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /**
   * Test only (see ./testHold): the loop holds after each of these batches,
   * announcing it through `onHeld`, until releaseHold() or stop(). Without
   * this call the loop never holds.
   */
  holdAfter(points: readonly HoldPoint[], onHeld: (at: HoldPoint) => void): void {
    this.holds = new Set(points.map(holdKey));
    this.onHeld = onHeld;
  }

  holdsAfter(at: HoldPoint): boolean {
    return this.holds.size > 0 && this.holds.has(holdKey(at));
  }

  /** Resolves when the test releases the hold or the run is stopped. */
  hold(at: HoldPoint): Promise<void> {
    if (this.stopFlag) return Promise.resolve();
    return new Promise((resolve) => {
      this.unhold = resolve;
      this.onHeld?.(at);
    });
  }

  releaseHold(): void {
    const unhold = this.unhold;
    this.unhold = null;
    unhold?.();
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

function holdKey(at: HoldPoint): string {
  return `${at.epoch}:${at.batch}`;
}

/** Why a run ended early, with the code the UI and CLI show. */
export class TrainingFailure extends Error {
  constructor(
    readonly code: 'nan' | 'crash' | 'data' | 'compile' | 'oom' | 'internal',
    message: string,
    readonly where: { nodeId?: string; epoch?: number; batch?: number } = {},
  ) {
    super(message);
    this.name = 'TrainingFailure';
  }
}
