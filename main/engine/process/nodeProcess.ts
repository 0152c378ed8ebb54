import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ProcessHandle, SpawnProcess } from './handle';

/**
 * tsx's loader, resolved from this package: a bare `--import tsx` is
 * resolved from the working directory, so `deepwire train` run from outside
 * the checkout started workers that died at once.
 */
function tsxLoader(): string {
  // Resolved on use: the packaged app never forks Node and ships no tsx.
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

export interface NodeProcessOptions {
  env?: NodeJS.ProcessEnv;
  /** 'json' is about twice as fast for plain events; 'advanced' keeps typed arrays and Maps. */
  serialization?: 'json' | 'advanced';
}

/**
 * A Node child process on a worker entry, run through tsx so the CLI and the
 * web host need no build (a built .js entry runs the same way).
 */
export function forkNodeProcess<In>(entry: string, opts: NodeProcessOptions = {}): ProcessHandle<In> {
  const child = fork(entry, [], {
    execArgv: ['--import', tsxLoader()],
    // tfjs prints a banner on stdout; keep the host's stdout clean (the CLI's --json owns it).
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, ...opts.env },
    serialization: opts.serialization ?? 'json',
  });
  child.stdout?.pipe(process.stderr);
  return {
    send: (message) => {
      if (child.connected) child.send(message as object);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener({ code, signal })),
    kill: () => child.kill('SIGKILL'),
    get pid() {
      return child.pid;
    },
  };
}

export function nodeProcessSpawner<In>(entry: string, opts: NodeProcessOptions = {}): SpawnProcess<In> {
  return () => forkNodeProcess<In>(entry, opts);
}
