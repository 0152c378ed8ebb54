/**
 * The worker's side of the channel: Electron's utility process has
 * `process.parentPort`, a forked Node child has `process.send`. Every worker
 * entry (training, inspection, export) connects through here, so each runs
 * unchanged under either host.
 */
export interface ParentChannel {
  post(message: unknown): void;
  listen(listener: (message: unknown) => void): void;
  /** Ends the process once the last posted message has left. */
  close(): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** The parts of `process` the channel needs; tests pass a stand-in. */
export interface WorkerProcess {
  parentPort?: ElectronParentPort;
  send?: (message: unknown) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  disconnect?: () => void;
  exit(code?: number): void;
}

export function connectToParent(
  proc: WorkerProcess = process as unknown as WorkerProcess,
  entryName = 'this worker',
): ParentChannel {
  const electronPort = proc.parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      listen: (listener) => electronPort.on('message', (event) => listener(event.data)),
      // A parent port keeps the utility process alive: leave explicitly, after the queue drains.
      close: () => setImmediate(() => proc.exit(0)),
    };
  }
  const send = proc.send?.bind(proc);
  if (!send) throw new Error(`${entryName} must be started as a child process with an IPC channel`);
  return {
    post: (message) => void send(message),
    listen: (listener) => void proc.on('message', listener),
    // Disconnecting lets Node flush the channel, then the process ends on its own.
    close: () => (proc.disconnect ? proc.disconnect() : setImmediate(() => proc.exit(0))),
  };
}
