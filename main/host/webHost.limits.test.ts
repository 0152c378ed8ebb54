import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { MAX_JSON_DEPTH } from '../../core/json/safeJson';
import type { Inspector } from '../engine/inspect';
import { createTrainingService } from '../engine/train/service';
import type { TrainingService } from '../services/training';
import { makeTempDir } from '../services/testing';
import { DEFAULT_SOCKET_LIMITS, type SocketFlowState } from './socketFlow';
import { encodeReply } from './socketSession';
import { startWebHost, type WebHost } from './webHost';

/**
 * One client must not crash or exhaust the host: hostile run files, replies
 * that cannot be encoded, and a client that pipelines big reads and never
 * reads the replies. Real host, real sockets, real files.
 */

type Reply = { id: unknown; ok: boolean; value?: unknown; error?: { code: string; message: string } };

const MiB = 1024 * 1024;
const BIG_FILE_BYTES = 8 * MiB;
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

const refusingInspector: Inspector = {
  run: async () => {
    throw new Error('inspection is not available in this test');
  },
  dispose: () => undefined,
};

class Client {
  private readonly replies = new Map<unknown, Reply>();
  private readonly waiters = new Map<unknown, (reply: Reply) => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: RawData) => {
      const reply = JSON.parse(data.toString()) as Reply;
      const waiter = this.waiters.get(reply.id);
      if (waiter) waiter(reply);
      else this.replies.set(reply.id, reply);
    });
  }

  static async open(host: WebHost): Promise<Client> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: host.origin });
    await new Promise((opened, failed) => {
      ws.once('open', opened);
      ws.once('error', failed);
    });
    return new Client(ws);
  }

  call(id: number | string, channel: string, payload: unknown): Promise<Reply> {
    this.ws.send(JSON.stringify({ id, channel, payload }));
    const ready = this.replies.get(id);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolveReply) => this.waiters.set(id, resolveReply));
  }
}

describe('web host under one hostile client', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let host: WebHost;
  let training: TrainingService;
  let client: Client;
  let nextId = 1;
  const flowListeners = new Set<(state: SocketFlowState) => void>();

  const expectAlive = async (target: Client): Promise<void> => {
    const id = nextId++;
    expect(await target.call(id, 'app.info', {})).toMatchObject({ id, ok: true, value: { host: 'web' } });
  };

  beforeAll(async () => {
    dir = await makeTempDir('host-limits');
    const rendererDir = join(dir.path, 'renderer');
    const workspace = join(dir.path, 'ws');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Deepwire</title>');
    training = createTrainingService({
      runsDir: join(workspace, 'runs'),
      spawnWorker: () => {
        throw new Error('no training in this test');
      },
      inspector: refusingInspector,
    });
    host = await startWebHost({
      port: 0,
      workspace,
      dataDir: join(dir.path, 'data'),
      rendererDir,
      training,
      log: () => undefined,
      observeSocket: (state) => {
        for (const listener of flowListeners) listener(state);
      },
    });
    client = await Client.open(host);
  });
  afterAll(async () => {
    client.ws.close();
    await host.close();
    await training.dispose();
    await dir.dispose();
  });

  it('answers runs.get on a run whose graph or settings nest 5,000 deep with an error naming the file', async () => {
    for (const [runId, file] of [
      ['deepgraph', 'graph.deepwire.json'],
      ['deepsettings', 'settings.json'],
    ] as const) {
      await mkdir(join(host.workspace, 'runs', runId), { recursive: true });
      if (file === 'settings.json') {
        await writeFile(join(host.workspace, 'runs', runId, 'graph.deepwire.json'), '{}');
      }
      // Written through the host, as a browser could.
      const fileId = `runs/${runId}/${file}`;
      const write = await client.call(nextId++, 'file.write', { fileId, text: nested(5000) });
      expect(write).toMatchObject({ ok: true });
      const reply = await client.call(nextId++, 'runs.get', { runId });
      expect(reply.ok).toBe(false);
      expect(reply.error).toEqual({
        code: 'io',
        message: `Run '${runId}': ${file} nests deeper than ${MAX_JSON_DEPTH} levels; refused.`,
      });
      // Opened again from Run history: the same answer, and the host is still up.
      expect((await client.call(nextId++, 'runs.get', { runId })).error?.code).toBe('io');
    }
    const list = await client.call(nextId++, 'runs.list', {});
    expect(list.ok).toBe(true);
    await expectAlive(client);
  });

  it('turns a reply that cannot be encoded into a typed internal error', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const deep = JSON.parse(nested(5000)) as unknown;
    for (const value of [cyclic, deep]) {
      expect(JSON.parse(encodeReply(7, { ok: true, value }, 'runs.get'))).toEqual({
        id: 7,
        ok: false,
        error: { code: 'internal', message: 'The reply to runs.get could not be encoded.' },
      });
    }
    expect(JSON.parse(encodeReply(8, { ok: true, value: cyclic }, '<script>'))).toMatchObject({
      error: { message: 'The reply to this call could not be encoded.' },
    });
  });

  it('bounds what 1,000 pipelined 8 MB reads from a client that never reads can hold, and serves others', async () => {
    await writeFile(join(host.workspace, 'big.txt'), Buffer.alloc(BIG_FILE_BYTES, 0x61));
    const greedy = await Client.open(host);
    // Nothing is read from the socket any more: the host's replies back up in TCP and then in the host.
    greedy.ws.pause();
    const peak = { running: 0, queued: 0, bytesInFlight: 0 };
    let last: SocketFlowState | undefined;
    const stalled = new Promise<void>((resolveStalled) => {
      flowListeners.add((state) => {
        last = state;
        peak.running = Math.max(peak.running, state.running);
        peak.queued = Math.max(peak.queued, state.queued);
        peak.bytesInFlight = Math.max(peak.bytesInFlight, state.bytesInFlight);
        // Reading is paused and nothing runs: the host has stopped taking on work for this client.
        if (state.paused && state.running === 0) resolveStalled();
      });
    });
    const rssBefore = process.memoryUsage().rss;
    const frame = (i: number): string =>
      JSON.stringify({ id: `big${i}`, channel: 'file.read', payload: { fileId: 'big.txt' } });
    for (let i = 0; i < 1000; i++) greedy.ws.send(frame(i));
    await stalled;
    flowListeners.clear();

    const limits = DEFAULT_SOCKET_LIMITS;
    // A reply is the file's text plus a little JSON around it.
    const replyBytes = BIG_FILE_BYTES + 1024;
    expect(peak.running).toBeLessThanOrEqual(limits.maxRunning);
    expect(peak.queued).toBeLessThanOrEqual(limits.maxQueued);
    expect(peak.bytesInFlight).toBeLessThanOrEqual(limits.replyBudgetBytes + limits.maxRunning * replyBytes);
    expect(last!.started).toBeLessThan(1000);
    // Loose: without the limits this grew by gigabytes and hit the heap limit.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(1024 * MiB);

    await expectAlive(client);
    const other = await Client.open(host);
    await expectAlive(other);
    other.ws.close();
    greedy.ws.terminate();
  });
});
