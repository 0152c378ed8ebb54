/**
 * Pause / resume / stop requests for a running loop. The loop polls it
 * between batches, so a request takes effect after the current batch.
 */
export class RunControl {
  private pausedFlag = false;
  private stopFlag = false;
  private wake: (() => void) | null = null;

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

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
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
