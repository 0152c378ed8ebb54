import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTempFileOf, writeFileAtomic } from './atomicWrite';
import { makeTempDir } from './testing';

const CHILD = fileURLToPath(new URL('./atomicWriteChild.ts', import.meta.url));
const PAYLOAD_CHARS = 1_000_000;
const ROUNDS = 30;

/** mulberry32: the kill moments are random but the same every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Parses the target and checks it is one whole document the writer produced, never a mix. */
async function readWholeDocument(file: string): Promise<number> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  expect(parsed).toMatchObject({ generation: expect.any(Number), payload: expect.any(String) });
  const { generation, payload } = parsed as { generation: number; payload: string };
  const fill = generation % 2 === 0 ? 'a' : 'b';
  expect(payload.length).toBe(PAYLOAD_CHARS);
  expect(payload.replaceAll(fill, '')).toBe('');
  return generation;
}

/**
 * Starts a writer, waits for the announced moment (`begin` or `end` of save
 * number `saves`), then SIGKILLs it, optionally a few ms later so the kill
 * lands inside the write, the fsync or the rename. Resolves with the last
 * save the writer reported finished.
 */
async function killWriterAt(file: string, moment: 'begin' | 'end', saves: number, delayMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(PAYLOAD_CHARS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let lastEnded = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      const [word, count] = line.split(' ');
      if (word === 'end') lastEnded = Number(count);
      if (word === moment && Number(count) === saves) {
        if (delayMs === 0) child.kill('SIGKILL');
        else setTimeout(() => child.kill('SIGKILL'), delayMs);
        resolve();
      }
    });
  });
  await exited;
  lines.close();
  return lastEnded;
}

describe('writeFileAtomic killed at any moment', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir('atomic-kill');
  });
  afterAll(async () => {
    await dir.dispose();
  });

  it('leaves the old or the new document, and the next save sweeps the dead writer’s temp files', async () => {
    const file = join(dir.path, 'net.deepwire.json');
    const random = seededRandom(7);
    const initial = JSON.stringify({ generation: 0, payload: 'a'.repeat(PAYLOAD_CHARS) });
    await writeFileAtomic(file, initial);
    let strayTempsSeen = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const moment = random() < 0.5 ? 'begin' : 'end';
      const saves = 1 + Math.floor(random() * 2);
      const delayMs = random() < 0.3 ? 0 : Math.floor(random() * 25);
      const lastEnded = await killWriterAt(file, moment, saves, delayMs);

      const generation = await readWholeDocument(file);
      expect(generation).toBeGreaterThanOrEqual(lastEnded);
      strayTempsSeen += (await readdir(dir.path)).filter((n) => isTempFileOf(n, file)).length;

      // The next successful save (here: the parent's) replaces the file and removes what the dead writer left.
      await writeFileAtomic(file, initial);
      expect(await readdir(dir.path)).toEqual(['net.deepwire.json']);
    }
    // The seeded moments must actually hit some writes in progress, or the test proves nothing.
    expect(strayTempsSeen).toBeGreaterThan(0);
  }, 180_000);
});
