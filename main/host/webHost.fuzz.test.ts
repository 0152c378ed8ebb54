import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { CALL_CHANNELS, ipcError } from '../../core/ipc/contract';
import { makeTempDir } from '../services/testing';
import { HARD_FRAME_LIMIT, MAX_FRAME_BYTES } from './socketSession';
import { startWebHost, type WebHost } from './webHost';

/**
 * Hostile frames against the web host's socket, started for real on port 0:
 * every frame is answered (with a typed error when it is not a good call) and
 * the connection, or at least the host, keeps answering.
 */

const SEED = 7_070_707;

type Reply = { id: unknown; ok: boolean; value?: unknown; error?: unknown };

/** A socket that hands out replies in order, one at a time. */
class Client {
  private readonly replies: Reply[] = [];
  private readonly waiters: Array<(reply: Reply) => void> = [];
  closedWith: number | undefined;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: RawData) => {
      const reply = JSON.parse(data.toString()) as Reply;
      const waiter = this.waiters.shift();
      if (waiter) waiter(reply);
      else this.replies.push(reply);
    });
    ws.on('close', (code) => (this.closedWith = code));
  }

  static async open(host: WebHost): Promise<Client> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, {
      origin: host.origin,
      maxPayload: HARD_FRAME_LIMIT,
    });
    const client = new Client(ws);
    await new Promise((opened, failed) => {
      ws.once('open', opened);
      ws.once('error', failed);
    });
    return client;
  }

  next(): Promise<Reply> {
    const reply = this.replies.shift();
    if (reply) return Promise.resolve(reply);
    return new Promise((resolveReply) => this.waiters.push(resolveReply));
  }

  async send(frame: string | Buffer, binary = false): Promise<Reply> {
    this.ws.send(frame, { binary });
    return this.next();
  }

  async call(id: number, channel: string, payload: unknown): Promise<Reply> {
    return this.send(JSON.stringify({ id, channel, payload }));
  }
}

function expectTypedError(reply: Reply): void {
  expect(reply.ok).toBe(false);
  expect(ipcError.safeParse(reply.error).success).toBe(true);
}

describe('web host socket under fuzzing', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let host: WebHost;
  let client: Client;
  let nextId = 1;

  const expectAlive = async (target: Client = client): Promise<void> => {
    const id = nextId++;
    expect(await target.call(id, 'app.info', {})).toMatchObject({ id, ok: true, value: { host: 'web' } });
  };

  beforeAll(async () => {
    dir = await makeTempDir('host-fuzz');
    const rendererDir = join(dir.path, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Deepwire</title>');
    host = await startWebHost({
      port: 0,
      workspace: join(dir.path, 'ws'),
      dataDir: join(dir.path, 'data'),
      rendererDir,
      log: () => undefined,
    });
    client = await Client.open(host);
  });
  afterAll(async () => {
    client.ws.close();
    await host.close();
    await dir.dispose();
  });

  it('answers arbitrary JSON frames with their id and a result or a typed error', async () => {
    const frame = fc.record(
      {
        channel: fc.oneof(fc.constantFrom(...CALL_CHANNELS), fc.string(), fc.integer(), fc.constant(null)),
        payload: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(frame, async (body) => {
        const id = nextId++;
        const reply = await client.send(JSON.stringify({ ...body, id }));
        expect(reply.id).toBe(id);
        if (!reply.ok) expectTypedError(reply);
      }),
      { seed: SEED, numRuns: 250 },
    );
    await expectAlive();
  });

  it('answers malformed text, wrong frame types and binary frames with bad-request', async () => {
    const malformed = fc.oneof(
      fc.string({ maxLength: 200 }).filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      }),
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
      fc
        .record({ id: fc.oneof(fc.object(), fc.boolean(), fc.string({ minLength: 129, maxLength: 300 })) })
        .map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(malformed, fc.boolean(), async (text, binary) => {
        const reply = await client.send(binary ? Buffer.from(text) : text, binary);
        // A JSON value that happens to carry a usable id is a call; everything else is refused unnamed.
        if (reply.id !== null)
          return expect(typeof reply.id === 'string' || typeof reply.id === 'number').toBe(true);
        expectTypedError(reply);
        expect(reply.error).toMatchObject({ code: 'bad-request' });
      }),
      { seed: SEED, numRuns: 250 },
    );
    await expectAlive();
  });

  it('refuses a frame above the frame cap with a typed error and keeps the connection', async () => {
    const padding = 'x'.repeat(MAX_FRAME_BYTES + 1024);
    const reply = await client.send(JSON.stringify({ id: 1, channel: 'file.write', payload: { padding } }));
    expect(reply).toEqual({
      id: null,
      ok: false,
      error: { code: 'bad-request', message: 'Frame too large.' },
    });
    await expectAlive();
  });

  it('refuses oversized values inside a frame with a bad-request naming the field', async () => {
    const id = nextId++;
    const text = 'y'.repeat(33 * 1024 * 1024);
    const reply = await client.call(id, 'file.write', { fileId: 'a.json', text });
    expect(reply).toMatchObject({ id, ok: false, error: { code: 'bad-request', field: 'text' } });
    const many = Array.from({ length: 100_000 }, (_, i) => `n${i}`);
    const second = await client.call(id + 1, 'runs.activations', { runId: 'r', sample: {}, nodeIds: many });
    expect(second).toMatchObject({ id: id + 1, ok: false, error: { code: 'bad-request' } });
    nextId += 2;
    await expectAlive();
  });

  it('closes only the offending socket for a frame beyond the hard limit; the host keeps answering', async () => {
    const victim = await Client.open(host);
    const closed = new Promise<number>((resolveClose) => victim.ws.once('close', resolveClose));
    victim.ws.send(Buffer.alloc(HARD_FRAME_LIMIT + 1, 0x20));
    expect(await closed).toBe(1009); // "message too big"
    await expectAlive();
    const fresh = await Client.open(host);
    await expectAlive(fresh);
    fresh.ws.close();
  });
});
