import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALL_CHANNELS, calls, ipcError, type CallChannel, type IpcResult } from '../../core/ipc/contract';
import type { Inspector } from '../engine/inspect';
import type { WorkerHandle } from '../engine/train/protocol';
import { createTrainingService } from '../engine/train/service';
import { dispatchCall } from './dispatch';
import { createCallHandlers, type CallHandlers } from './handlers';
import { createRecentFiles } from './recentFiles';
import { makeTempDir } from './testing';
import type { TrainingService } from './training';
import { createWorkspaceFiles } from './workspaceFiles';

/**
 * Hostile payloads against every call handler, through the one entry point
 * both hosts use. The real training service is wired in (with a worker and an
 * inspector that never start a process), so runs/dataset/training handlers are
 * exercised too, not just the schemas in front of them.
 */

const SEED = 20_240_607;
const HUGE_STRING = 'x'.repeat(50 * 1024 * 1024);
const HUGE_ARRAY: string[] = Array.from({ length: 100_000 }, () => 'a');
/** An error message the renderer may show: bounded, no stack frames, no host paths. */
const MAX_MESSAGE = 8192;

function idleWorker(): WorkerHandle {
  return {
    send: () => undefined,
    onMessage: () => undefined,
    onExit: () => undefined,
    kill: () => undefined,
    pid: undefined,
  };
}

const refusingInspector: Inspector = {
  run: async () => {
    throw new Error('inspection is not available in this test');
  },
  dispose: () => undefined,
};

/** The request schema's top-level keys, so oversized values can be put where a real field is. */
function requestKeys(channel: CallChannel): string[] {
  const schema: unknown = calls[channel].request;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

describe('dispatchCall under fuzzing', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let handlers: CallHandlers;
  let training: TrainingService;
  const leaks: string[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('dispatch-fuzz');
    const files = await createWorkspaceFiles(join(dir.path, 'ws'));
    training = createTrainingService({
      runsDir: join(dir.path, 'runs'),
      spawnWorker: idleWorker,
      inspector: refusingInspector,
      files,
    });
    handlers = createCallHandlers({
      host: 'web',
      version: '0.0.0-fuzz',
      files,
      recent: createRecentFiles(join(dir.path, 'data')),
      workspace: files.root,
      training,
    });
    leaks.push(dir.path, process.cwd());
  });
  afterAll(async () => {
    await training.dispose();
    await dir.dispose();
  });

  /** Every answer is a well-formed result; failures are typed, short and leak nothing of the host. */
  function expectTyped(result: IpcResult<unknown>): void {
    expect(typeof result.ok).toBe('boolean');
    if (result.ok) return;
    expect(ipcError.safeParse(result.error).success).toBe(true);
    expect(result.error.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(result.error.message).not.toMatch(/\n\s+at /);
    for (const path of leaks) expect(result.error.message).not.toContain(path);
  }

  async function expectStillAnswers(): Promise<void> {
    expect(await dispatchCall(handlers, 'app.info', {})).toMatchObject({ ok: true, value: { host: 'web' } });
  }

  it('answers arbitrary payloads on every channel with a result or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CALL_CHANNELS),
        fc.anything({ maxDepth: 3, maxKeys: 6, withNullPrototype: true, withBigInt: true }),
        async (channel, payload) => {
          expectTyped(await dispatchCall(handlers, channel, payload));
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
    await expectStillAnswers();
  });

  it('fills each real request field with wrong types and answers bad-request naming the field', async () => {
    const wrong = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
    );
    const cases = CALL_CHANNELS.flatMap((channel) => requestKeys(channel).map((key) => ({ channel, key })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), wrong, async ({ channel, key }, value) => {
        const result = await dispatchCall(handlers, channel, { [key]: value });
        expectTyped(result);
        // `document`/`settings` are opaque to the schema and parsed by the handler, which names them.
        if (!result.ok) expect(result.error.code).toBe('bad-request');
        else expect(['document', 'settings']).toContain(key);
      }),
      { seed: SEED, numRuns: 300 },
    );
    await expectStillAnswers();
  });

  it('refuses unknown channels of any type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything({ maxDepth: 2 }).filter((c) => typeof c !== 'string' || !Object.hasOwn(calls, c)),
        fc.anything({ maxDepth: 2 }),
        async (channel, payload) => {
          const result = await dispatchCall(handlers, channel, payload);
          expect(result).toEqual({
            ok: false,
            error: { code: 'bad-request', message: 'Unknown channel.', field: 'channel' },
          });
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
    await expectStillAnswers();
  });

  it.each(CALL_CHANNELS)(
    '%s refuses a 50 MB string and a 100k-element array in every field',
    async (channel) => {
      const keys = requestKeys(channel);
      const payloads: unknown[] = [HUGE_STRING, HUGE_ARRAY];
      for (const key of keys) payloads.push({ [key]: HUGE_STRING }, { [key]: HUGE_ARRAY });
      if (keys.length > 0) payloads.push(Object.fromEntries(keys.map((key) => [key, HUGE_STRING])));
      for (const payload of payloads) {
        const result = await dispatchCall(handlers, channel, payload);
        expectTyped(result);
        expect(result.ok).toBe(false);
      }
      await expectStillAnswers();
    },
  );

  it('refuses oversized documents and deep nesting inside the opaque training fields', async () => {
    const manyNodes = Array.from({ length: 100_000 }, (_, i) => ({
      id: `n${i}`,
      type: 'flatten',
      params: {},
      position: { x: 0, y: 0 },
    }));
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i += 1) deep = { nodes: [deep] };
    const documents = [
      { format: 'deepwire', version: 1, name: 'big', nodes: manyNodes, edges: [] },
      { format: 'deepwire', version: 1, name: HUGE_STRING, nodes: [], edges: [] },
      { format: 'deepwire', version: 1, name: 'deep', nodes: [deep], edges: [] },
      deep,
    ];
    for (const document of documents) {
      const result = await dispatchCall(handlers, 'training.start', { document, settings: {} });
      expectTyped(result);
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'document' } });
    }
    // parseSettings fills defaults for absent fields (a non-object counts as none), so only bad fields fail.
    for (const settings of [{ dataset: HUGE_STRING }, { batchSize: HUGE_ARRAY }, { dataset: deep }]) {
      const result = await dispatchCall(handlers, 'training.start', {
        document: { format: 'deepwire', version: 1, name: 'n', nodes: [], edges: [] },
        settings,
      });
      expectTyped(result);
      expect(result.ok).toBe(false);
    }
    await expectStillAnswers();
  });

  it('still writes and reads a file after all of the above', async () => {
    const created = await dispatchCall(handlers, 'file.create', { name: 'after-fuzz.json' });
    expect(created.ok).toBe(true);
    const fileId = created.ok ? (created.value as { fileId: string }).fileId : '';
    expect(await dispatchCall(handlers, 'file.write', { fileId, text: '{"ok":1}' })).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(await dispatchCall(handlers, 'file.read', { fileId })).toMatchObject({
      ok: true,
      value: { text: '{"ok":1}' },
    });
  });
});
