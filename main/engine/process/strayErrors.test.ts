import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forkNodeProcess } from './nodeProcess';
import type { ParentChannel } from './parentPort';
import { describeStray, exitOnStrayErrors, logStrayErrors, type GuardedProcess } from './strayErrors';

class FakeProcess extends EventEmitter {
  exits: number[] = [];
  exit(code?: number): void {
    this.exits.push(code ?? 0);
  }
}

function fakePort(proc: FakeProcess): ParentChannel & { posted: unknown[]; closed: number } {
  const port = {
    posted: [] as unknown[],
    closed: 0,
    post: (message: unknown) => void port.posted.push(message),
    listen: () => undefined,
    close: () => {
      port.closed++;
      proc.emit('disconnect');
    },
  };
  return port;
}

describe('stray errors', () => {
  it('keeps a host serving: the error is logged and the process does not exit', () => {
    const proc = new FakeProcess();
    const lines: string[] = [];
    const remove = logStrayErrors((line) => lines.push(line), proc as unknown as GuardedProcess);
    proc.emit('unhandledRejection', new Error('no handler'));
    proc.emit('uncaughtException', new TypeError('thrown in a callback'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Error: no handler');
    expect(lines[1]).toContain('TypeError: thrown in a callback');
    expect(proc.exits).toEqual([]);
    remove();
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
  });

  it('has a worker report once to its parent, then close its channel and exit', () => {
    const proc = new FakeProcess();
    const port = fakePort(proc);
    exitOnStrayErrors(
      port,
      (reason) => ({ failed: reason }),
      () => undefined,
      proc as unknown as GuardedProcess,
    );
    proc.emit('unhandledRejection', new RangeError('Maximum call stack size exceeded'));
    proc.emit('uncaughtException', new Error('while leaving'));
    expect(port.posted).toEqual([{ failed: 'RangeError: Maximum call stack size exceeded' }]);
    expect(port.closed).toBe(1);
    expect(proc.exits).toEqual([1]);
  });

  it('describes non-errors and caps long messages', () => {
    expect(describeStray('plain')).toBe('plain');
    expect(describeStray(new Error('x'.repeat(5000))).length).toBeLessThanOrEqual(2001 + 'Error: '.length);
  });

  it('ends a real worker on an unhandled rejection after its report reaches the parent', async () => {
    const entry = fileURLToPath(new URL('./strayErrors.fixture.ts', import.meta.url));
    const child = forkNodeProcess<string>(entry);
    const messages: unknown[] = [];
    child.onMessage((message) => messages.push(message));
    const exit = new Promise<{ code: number | null; signal: string | null }>((done) => child.onExit(done));
    child.send('go');
    expect(await exit).toEqual({ code: 1, signal: null });
    expect(messages).toEqual([{ type: 'stray', reason: 'Error: nobody awaited this' }]);
  });
});
