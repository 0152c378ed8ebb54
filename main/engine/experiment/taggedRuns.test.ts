import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCifarNet } from '../../../core/templates';
import type { TrainingEvent } from '../../../core/training/events';
import { RUN_FILES } from '../train/runFolder';
import { EXPERIMENT_FILE } from './experiments';
import { taggedRuns } from './taggedRuns';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const request = { depths: [20], dataset: 'shapes', preset: 'quick', seeds: [1, 2] };

function run(runsDir: string, runId: string, events: TrainingEvent[], tag: object | null): void {
  const dir = join(runsDir, runId);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, RUN_FILES.graph),
    JSON.stringify(buildCifarNet({ depth: 20, residual: false, width: 8 })),
  );
  writeFileSync(
    join(dir, RUN_FILES.provenance),
    JSON.stringify({ runId, createdAt: '2026-01-01T00:00:00Z' }),
  );
  writeFileSync(join(dir, RUN_FILES.metrics), events.map((e) => JSON.stringify(e)).join('\n'));
  if (tag) writeFileSync(join(dir, EXPERIMENT_FILE), JSON.stringify(tag));
}

const epoch: TrainingEvent = {
  type: 'epoch',
  epoch: 1,
  loss: 1,
  acc: 0.6,
  valLoss: 1,
  valAcc: 0.5,
  valError: 0.5,
  durationMs: 5,
  lr: 0.1,
};

describe('taggedRuns', () => {
  it("finds an experiment's runs with their tag (seed and request), how each ended, and their events", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-tagged-'));
    dirs.push(runsDir);
    const tag = (label: string, seed: number, experimentId = 'exp-a') => ({
      experimentId,
      label,
      depth: 20,
      residual: label.startsWith('resnet'),
      preset: 'quick',
      seed,
      request,
    });
    run(runsDir, 'r1', [epoch, { type: 'status', phase: 'stopped' }], tag('plain-20', 2));
    run(runsDir, 'r2', [epoch], tag('plain-20', 1, 'exp-b'));
    run(runsDir, 'r3', [epoch], null);
    const found = await taggedRuns(runsDir, 'exp-a');
    expect(found.map((r) => [r.runId, r.tag.label, r.tag.seed, r.outcome])).toEqual([
      ['r1', 'plain-20', 2, 'stopped'],
    ]);
    expect(found[0]?.tag.request).toEqual(request);
    expect((await found[0]?.events())?.filter((e) => e.type === 'epoch')).toHaveLength(1);
  });
});
