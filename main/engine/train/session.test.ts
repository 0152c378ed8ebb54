import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../core/training/events';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../../../core/training/settings';
import { tinyDigitsGraph } from './fixtures';
import { CompileError } from '../compile';
import { runSession, toFailedEvent } from './session';

const root = mkdtempSync(join(tmpdir(), 'deepwire-session-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const settings: TrainingSettings = {
  ...DEFAULT_SETTINGS,
  limit: 300,
  epochs: 2,
  backend: 'cpu',
  batchSize: 16,
};

async function train(name: string, document: unknown, patch: Partial<TrainingSettings> = {}) {
  const events: TrainingEvent[] = [];
  const runDir = join(root, name);
  const summary = await runSession({
    runId: name,
    runDir,
    start: { document, settings: { ...settings, ...patch } },
    emit: (e) => events.push(e),
  });
  return { summary, events, runDir };
}

describe('runSession (compiled graph, real dataset, cpu)', () => {
  it('gives bit-identical final weights for the same seed, through compile, data order and dropout', async () => {
    const graph = tinyDigitsGraph({ dense: 16, dropout: 0.3 });
    const a = await train('a', graph);
    const b = await train('b', graph);
    expect(a.summary).not.toBeNull();
    const weightsA = readFileSync(join(a.runDir, 'model', 'weights.bin'));
    const weightsB = readFileSync(join(b.runDir, 'model', 'weights.bin'));
    expect(weightsA.length).toBeGreaterThan(0);
    expect(weightsA.equals(weightsB)).toBe(true);
    const c = await train('c', graph, { seed: 2 });
    expect(readFileSync(join(c.runDir, 'model', 'weights.bin')).equals(weightsA)).toBe(false);
  });

  it('refuses a graph with errors, naming the node, before touching data', async () => {
    const graph = tinyDigitsGraph();
    const broken = { ...graph, edges: graph.edges.filter((e) => e.target !== 'flat') };
    const { summary, events } = await train('broken', broken);
    expect(summary).toBeNull();
    const failed = events.find((e) => e.type === 'failed');
    expect(failed).toMatchObject({ type: 'failed', code: 'compile' });
    expect(events.some((e) => e.type === 'status' && e.phase === 'loading-data')).toBe(false);
  });

  it('reports a dataset with more classes than the output as a data failure', async () => {
    const graph = tinyDigitsGraph();
    const fewer = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.type === 'output' ? { ...n, params: { classes: 5 } } : n)),
    };
    const { events } = await train('classes', fewer);
    const failed = events.find((e) => e.type === 'failed');
    expect(failed).toMatchObject({ code: 'data' });
    expect(failed?.type === 'failed' && failed.reason).toMatch(/10 classes but the output node has 5/);
  });

  it('refuses weights larger than the machine before compiling, naming the node in human sizes', async () => {
    const events: TrainingEvent[] = [];
    const summary = await runSession({
      runId: 'too-big',
      runDir: join(root, 'too-big'),
      start: { document: tinyDigitsGraph(), settings },
      emit: (e) => events.push(e),
      totalMemoryBytes: 1024,
    });
    expect(summary).toBeNull();
    const failed = events.find((e) => e.type === 'failed');
    expect(failed).toMatchObject({ type: 'failed', code: 'oom', nodeId: 'out' });
    expect(failed?.type === 'failed' && failed.reason).toMatch(/for weights; this machine has 1\.0 KB/);
    expect(events.some((e) => e.type === 'status' && e.phase === 'loading-data')).toBe(false);
  });
});

describe('toFailedEvent', () => {
  it("keeps a compile failure's node in nodeId only, so readers name it once", () => {
    const event = toFailedEvent(new CompileError('tfjs', 'Cannot build dense: too big', 'f5'));
    expect(event).toMatchObject({ code: 'compile', nodeId: 'f5', reason: 'Cannot build dense: too big' });
  });
});
