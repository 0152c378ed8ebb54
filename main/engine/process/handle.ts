/**
 * A worker process as its host sees it, whatever started it: a Node child
 * (`child_process.fork`, used by the CLI and the web host) or an Electron
 * utility process (the app, where the run-as-node fuse is off). Training,
 * inspection and export all talk to their process through this shape, so
 * only the spawner knows which kind it is.
 */
export interface ProcessExit {
  code: number | null;
  signal: string | null;
}

export interface ProcessHandle<In = unknown> {
  send(message: In): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: ProcessExit) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

export type SpawnProcess<In = unknown> = () => ProcessHandle<In>;

/** "SIGKILL" or "code 3": how a process ended, for the messages users read. */
export function describeExit(exit: ProcessExit): string {
  return exit.signal ?? `code ${exit.code ?? 'unknown'}`;
}
