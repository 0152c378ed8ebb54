import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, learningRateAt, type TrainingSettings } from '../../../../core/training/settings';
import { buildLeNet5 } from '../../../../core/templates/classic';
import { noteMissingDependency } from '../../../services/testing';
import { RUN_FILES } from '../../train/runFolder';
import { exportRun } from '../index';
import { writeFakeRun } from '../test-helpers';
import { findTorchPython, runProgram } from './index';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-recipe-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const settings: TrainingSettings = {
  ...DEFAULT_SETTINGS,
  learningRate: 0.1,
  epochs: 6,
  maxIterations: 40,
  optimizer: 'nesterov',
  batchSize: 128,
  warmupEpochs: 1,
  weightDecay: 1e-4,
  schedule: { kind: 'multistep', milestones: [9, 20], unit: 'iteration', gamma: 0.1 },
  augment: { flip: true, cropPadding: 4, shift: 1 },
};

describe("exported train.py takes the run's recipe", () => {
  it('writes recipe.json from settings.json, and train.py reads it as defaults with the same rates', async (ctx) => {
    const runDir = join(scratch, 'run');
    await writeFakeRun(runDir, buildLeNet5(), 5);
    await writeFile(join(runDir, RUN_FILES.settings), JSON.stringify(settings));
    const out = join(scratch, 'pytorch');
    const result = await exportRun(runDir, { format: 'pytorch', out });
    expect(result.files.map((f) => f.slice(out.length + 1))).toContain('recipe.json');
    const recipe = JSON.parse(await readFile(join(out, 'recipe.json'), 'utf8')) as Record<string, unknown>;
    expect(recipe).toEqual({
      epochs: 6,
      iterations: 40,
      batch_size: 128,
      optimizer: 'nesterov',
      lr: 0.1,
      augment: 'flip,crop:4,shift:1',
      schedule: 'multistep:9,20:0.1:iter',
      warmup: 1,
      weight_decay: 1e-4,
    });

    const torch = await findTorchPython();
    if ('reason' in torch) {
      noteMissingDependency(torch.reason);
      return ctx.skip();
    }
    const steps = 7;
    const points = Array.from({ length: settings.epochs * steps }, (_, i) => [
      Math.floor(i / steps),
      i % steps,
    ]);
    const script = [
      'import json, train',
      'r = train.read_recipe()',
      's = train.parse_schedule(r["schedule"])',
      `points = ${JSON.stringify(points)}`,
      `rates = [train.lr_at(r["lr"], s, r["warmup"], r["epochs"], e, i / ${steps}, ${steps}) for e, i in points]`,
      'print(json.dumps({"recipe": r, "augment": train.parse_augment(r["augment"]), "rates": rates}))',
    ].join('\n');
    const run = await runProgram(torch.python, ['-c', script], { cwd: out, timeoutMs: 120_000 });
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const fromPython = JSON.parse(run.stdout) as { recipe: unknown; augment: unknown; rates: number[] };
    expect(fromPython.recipe).toEqual(recipe);
    expect(fromPython.augment).toEqual([true, 4, 1]);
    const expected = points.map(([e, i]) => learningRateAt(settings, e!, i! / steps, steps));
    fromPython.rates.forEach((lr, j) => expect(Math.abs(lr - expected[j]!)).toBeLessThanOrEqual(1e-12));
  }, 240_000);
});
