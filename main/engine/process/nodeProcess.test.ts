import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forkNodeProcess } from './nodeProcess';

const outside = mkdtempSync(join(tmpdir(), 'deepwire-cwd-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('forkNodeProcess', () => {
  it('starts a worker when the host runs from outside the checkout (tsx found from here, not the cwd)', async () => {
    const entry = join(outside, 'entry.ts');
    writeFileSync(entry, 'const answer: number = 42;\nprocess.send?.({ answer });\n');
    const home = process.cwd();
    process.chdir(outside);
    try {
      const child = forkNodeProcess<never>(entry);
      const first = await new Promise<unknown>((resolve) => {
        child.onMessage(resolve);
        child.onExit((exit) => resolve(exit));
      });
      expect(first).toEqual({ answer: 42 });
    } finally {
      process.chdir(home);
    }
  });
});
