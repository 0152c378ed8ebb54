import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessExit, ProcessHandle } from '../process/handle';
import { recordingSpawner } from '../process/recordingSpawner';
import type { InspectJob } from './inspector';
import {
  createProcessInspector,
  nodeInspectSpawner,
  RECYCLE_RSS_BYTES,
  type InspectReply,
  type InspectRequest,
} from './process';

/**
 * A stand-in inspection process that answers each job when the test says so,
 * reporting the resident memory the test chose: the RSS reading is injected.
 */
function fakeProcess() {
  const requests: InspectRequest[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  const exits: ((exit: ProcessExit) => void)[] = [];
  let killed = false;
  const handle: ProcessHandle<InspectRequest> = {
    send: (message) => void requests.push(message),
    onMessage: (listener) => void listeners.push(listener),
    onExit: (listener) => void exits.push(listener),
    kill: () => {
      killed = true;
      for (const listener of exits) listener({ code: null, signal: 'SIGTERM' });
    },
    pid: 1,
  };
  const answer = (rss: number) => {
    const request = requests.shift();
    if (!request) throw new Error('no job to answer');
    const reply: InspectReply = { id: request.id, ok: true, value: { runId: 'r' }, rss };
    for (const listener of listeners) listener(reply);
  };
  return { handle, answer, killed: () => killed, waiting: () => requests.length };
}

const job: InspectJob = { channel: 'runs.gradients', request: { runId: 'r' }, runDir: '/runs/r' };

function setup() {
  const started: ReturnType<typeof fakeProcess>[] = [];
  const inspector = createProcessInspector({
    spawn: () => {
      const next = fakeProcess();
      started.push(next);
      return next.handle;
    },
  });
  return { inspector, started };
}

describe('the inspection process is recycled when a job leaves its memory high', () => {
  it('keeps a process whose memory stays below the limit', async () => {
    const { inspector, started } = setup();
    for (let i = 0; i < 3; i++) {
      const call = inspector.run(job);
      started[0]!.answer(RECYCLE_RSS_BYTES / 4);
      await expect(call).resolves.toEqual({ runId: 'r' });
    }
    expect(started).toHaveLength(1);
    expect(started[0]!.killed()).toBe(false);
    inspector.dispose();
  });

  it('ends a process left above the limit after its job, and the next call starts a fresh one', async () => {
    const { inspector, started } = setup();
    const first = inspector.run(job);
    started[0]!.answer(RECYCLE_RSS_BYTES + 1);
    await expect(first).resolves.toEqual({ runId: 'r' });
    expect(started[0]!.killed()).toBe(true);

    const second = inspector.run(job);
    expect(started).toHaveLength(2);
    started[1]!.answer(1);
    await expect(second).resolves.toEqual({ runId: 'r' });
    inspector.dispose();
  });

  it('waits for the jobs still queued on the process before ending it', async () => {
    const { inspector, started } = setup();
    const first = inspector.run(job);
    const second = inspector.run(job);
    started[0]!.answer(RECYCLE_RSS_BYTES * 2);
    await expect(first).resolves.toEqual({ runId: 'r' });
    expect(started[0]!.killed()).toBe(false);
    started[0]!.answer(RECYCLE_RSS_BYTES * 2);
    await expect(second).resolves.toEqual({ runId: 'r' });
    expect(started[0]!.killed()).toBe(true);
    expect(started).toHaveLength(1);
    inspector.dispose();
  });
});

describe('the real inspection process', () => {
  it('reports its memory with every answer, so a limit of 1 byte replaces it after each job', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'deepwire-recycle-'));
    const spawner = recordingSpawner<InspectRequest>(nodeInspectSpawner());
    const inspector = createProcessInspector({ spawn: spawner.spawn, recycleAboveRss: 1 });
    try {
      const gradients: InspectJob = { channel: 'runs.gradients', request: { runId: 'r' }, runDir };
      await inspector.run(gradients).catch(() => undefined);
      await inspector.run(gradients).catch(() => undefined);
      expect(spawner.started).toHaveLength(2);
      expect(spawner.started[1]?.pid).not.toBe(spawner.started[0]?.pid);
    } finally {
      inspector.dispose();
      await rm(runDir, { recursive: true, force: true });
    }
  }, 90_000);
});
