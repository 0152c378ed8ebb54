import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCifarNet } from '../../../core/templates';
import type { TrainingService } from '../../services/training';
import { RUN_FILES } from '../train/runFolder';
import { createDashboardHandlers } from './handlers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every string anywhere in `value`. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** A workspace whose one run names its dataset by absolute path, as a confined run stores it. */
function workspaceWithRun(): { workspace: string; runsDir: string; dataset: string } {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'deepwire-replies-')));
  dirs.push(workspace);
  const runsDir = join(workspace, 'runs');
  const dataset = `folder:${join(workspace, 'data', 'digits')}`;
  const dir = join(runsDir, 'run-1');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, RUN_FILES.graph),
    JSON.stringify(buildCifarNet({ depth: 20, residual: false, width: 8 })),
  );
  writeFileSync(
    join(dir, RUN_FILES.settings),
    JSON.stringify({ optimizer: 'adam', epochs: 1, seed: 3, dataset }),
  );
  writeFileSync(
    join(dir, RUN_FILES.provenance),
    JSON.stringify({ runId: 'run-1', createdAt: '2026-01-01T00:00:00Z', dataset, backend: 'cpu', seed: 3 }),
  );
  writeFileSync(join(dir, RUN_FILES.metrics), '');
  return { workspace, runsDir, dataset };
}

/** A service whose runs never finish: the experiment stays running while its status is read. */
const idleService = {
  onEvent: () => () => undefined,
  handle: () => new Promise<never>(() => undefined),
} as unknown as TrainingService;

describe('dashboard replies to the page', () => {
  it('name a run dataset relative to the workspace in runs.list, runs.get and runs.experiment', async () => {
    const { workspace, runsDir, dataset } = workspaceWithRun();
    const handlers = createDashboardHandlers({ runsDir, isActive: () => false, service: () => idleService });

    const list = await handlers['runs.list']();
    const run = await handlers['runs.get']({ runId: 'run-1' });
    const { experimentId } = await handlers['training.startExperiment']({
      depths: [20],
      dataset,
      epochs: 1,
      preset: 'quick',
      limit: 64,
      seeds: [1],
    });
    const experiment = await handlers['runs.experiment']({ experimentId });

    for (const reply of [list, run, experiment]) {
      expect(strings(reply).filter((s) => s.includes(workspace))).toEqual([]);
    }
    expect(list[0]?.dataset).toBe('folder:data/digits');
    expect(run.settings).toMatchObject({ dataset: 'folder:data/digits' });
    expect(experiment.request.dataset).toBe('folder:data/digits');
  });
});
