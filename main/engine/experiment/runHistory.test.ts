import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../core/graph/document';
import { buildCifarNet } from '../../../core/templates';
import type { TrainingEvent } from '../../../core/training/events';
import { RUN_FILES } from '../train/runFolder';
import { EXPERIMENT_FILE } from './experiments';
import {
  deleteRun,
  getRun,
  listRunsDetailed,
  MAX_BATCH_EVENTS,
  settingsSummary,
  thinEvents,
  thumbnailOf,
} from './runHistory';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeRun(runsDir: string, runId: string, events: TrainingEvent[], tag?: object): void {
  const dir = join(runsDir, runId);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, RUN_FILES.graph),
    JSON.stringify(buildCifarNet({ depth: 20, residual: false, width: 8 })),
  );
  writeFileSync(
    join(dir, RUN_FILES.settings),
    JSON.stringify({
      optimizer: 'adam',
      learningRate: 0.001,
      batchSize: 32,
      epochs: 2,
      seed: 7,
      dataset: 'shapes',
    }),
  );
  writeFileSync(
    join(dir, RUN_FILES.provenance),
    JSON.stringify({ runId, createdAt: '2026-01-01T00:00:00Z', dataset: 'shapes', backend: 'cpu', seed: 7 }),
  );
  writeFileSync(
    join(dir, RUN_FILES.metrics),
    `${events.map((e) => JSON.stringify(e)).join('\n')}\n{"type":"ba`,
  );
  if (tag) writeFileSync(join(dir, EXPERIMENT_FILE), JSON.stringify(tag));
}

const epoch = (n: number, valAcc: number): TrainingEvent => ({
  type: 'epoch',
  epoch: n,
  loss: 1,
  acc: 0.5,
  valLoss: 1,
  valAcc,
  valError: 1 - valAcc,
  durationMs: 2000,
  lr: 0.001,
});

describe('run history', () => {
  it('lists runs with status, best val accuracy, duration, params, thumbnail and experiment tag', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-history-'));
    dirs.push(runsDir);
    fakeRun(runsDir, 'run-a', [epoch(1, 0.6), epoch(2, 0.5)], {
      experimentId: 'exp-1',
      label: 'plain-20',
      depth: 20,
      residual: false,
      preset: 'quick',
    });
    fakeRun(runsDir, 'run-b', [epoch(1, 0.4)]);
    const rows = await listRunsDetailed(runsDir, (id) => id === 'run-b');
    const a = rows.find((r) => r.runId === 'run-a');
    expect(a).toMatchObject({
      bestValAcc: 0.6,
      durationMs: 4000,
      seed: 7,
      experiment: { experimentId: 'exp-1', label: 'plain-20' },
      settingsSummary: 'adam lr 0.001, batch 32, 2 epoch(s), seed 7',
    });
    expect(a?.params).toBeGreaterThan(0);
    expect(a?.thumbnail?.nodes.length).toBe(9);
    expect(rows.find((r) => r.runId === 'run-b')?.status).toBe('running');
  });

  it('lists an imported model (no training events) as a finished run', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-history-'));
    dirs.push(runsDir);
    fakeRun(runsDir, 'run-imported', []);
    writeFileSync(
      join(runsDir, 'run-imported', RUN_FILES.provenance),
      JSON.stringify({
        runId: 'run-imported',
        createdAt: '2026-01-01T00:00:00Z',
        dataset: '',
        backend: 'cpu',
        imported: true,
      }),
    );
    const [row] = await listRunsDetailed(runsDir, () => false);
    expect(row).toMatchObject({ runId: 'run-imported', outcome: 'done', status: 'done' });
  });

  it('returns a run with its graph, settings and events, tolerating a torn last line', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-history-'));
    dirs.push(runsDir);
    fakeRun(runsDir, 'run-a', [epoch(1, 0.6)]);
    const run = await getRun(runsDir, 'run-a');
    expect(run.events).toHaveLength(1);
    expect((run.document as { name: string }).name).toBe('Plain-20');
    await expect(getRun(runsDir, '../etc')).rejects.toMatchObject({ code: 'bad-request' });
    await expect(getRun(runsDir, 'missing')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('deletes finished runs and refuses running ones', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-history-'));
    dirs.push(runsDir);
    fakeRun(runsDir, 'run-a', []);
    await expect(deleteRun(runsDir, 'run-a', () => true)).rejects.toMatchObject({ code: 'bad-request' });
    expect(existsSync(join(runsDir, 'run-a'))).toBe(true);
    await deleteRun(runsDir, 'run-a', () => false);
    expect(existsSync(join(runsDir, 'run-a'))).toBe(false);
  });
});

describe('helpers', () => {
  it('thins batches evenly but keeps every epoch', () => {
    const events: TrainingEvent[] = [];
    for (let i = 1; i <= MAX_BATCH_EVENTS * 3; i++) {
      events.push({
        type: 'batch',
        epoch: 1,
        batch: i,
        batches: MAX_BATCH_EVENTS * 3,
        loss: 1,
        acc: 0.5,
        imgPerSec: 1,
      });
    }
    events.push(epoch(1, 0.5));
    const thin = thinEvents(events);
    expect(thin.filter((e) => e.type === 'batch').length).toBe(MAX_BATCH_EVENTS);
    expect(thin.filter((e) => e.type === 'epoch')).toHaveLength(1);
  });

  it('summarises settings and draws thumbnails from node positions', () => {
    expect(settingsSummary({ optimizer: 'sgd', learningRate: 0.1, seed: 3 })).toEqual({
      text: 'sgd lr 0.1, seed 3',
      seed: 3,
    });
    expect(settingsSummary('garbage').text).toBe('');
    expect(
      settingsSummary({
        optimizer: 'momentum',
        learningRate: 0.1,
        weightDecay: 1e-4,
        schedule: { kind: 'multistep', milestones: [32_000, 48_000], unit: 'iteration', gamma: 0.1 },
        augment: { flip: true, cropPadding: 4 },
        seed: 1,
      }).text,
    ).toBe('momentum lr 0.1, wd 0.0001, ÷10 at 32000, 48000 it, flip + crop 4, seed 1');
    const thumb = thumbnailOf(buildCifarNet({ depth: 20, residual: true }));
    expect(thumb.edges).toContainEqual([0, 1]);
  });
});

describe('run listing names the trained graph by identity', () => {
  it('a graph snapshot with an id lists that id; one without lists none', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-graphid-'));
    dirs.push(runsDir);
    fakeRun(runsDir, 'run-with', [epoch(1, 0.6)]);
    fakeRun(runsDir, 'run-without', [epoch(1, 0.6)]);
    const doc = { ...buildCifarNet({ depth: 20, residual: false, width: 8 }), id: 'graph-7f3a' };
    writeFileSync(join(runsDir, 'run-with', RUN_FILES.graph), serializeDocument(doc));
    const rows = await listRunsDetailed(runsDir, () => false);
    const byId = Object.fromEntries(rows.map((r) => [r.runId, r]));
    expect(byId['run-with']?.graphId).toBe('graph-7f3a');
    expect(byId['run-without']?.graphId).toBeUndefined();
  });
});
