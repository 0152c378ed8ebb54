import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../core/training/settings';
import { loadDataset } from '../data';
import { tinyDigitsGraph } from './fixtures';
import { TOLERANCE } from '../export/types';
import { INFERENCE_ENGINES } from '../infer/engine';
import { predictImage } from './predict';
import { runSession } from './session';

let root = '';
let runDir = '';

/** Writes digit test sample `index` as a gray PNG, as a user would save one. */
async function digitPng(index: number): Promise<{ file: string; label: number }> {
  const { test } = await loadDataset('digits');
  if (!test) throw new Error('digits has a test split');
  const png = new PNG({ width: 28, height: 28 });
  for (let p = 0; p < 28 * 28; p++) {
    const value = test.images[index * 784 + p]!;
    png.data.set([value, value, value, 255], p * 4);
  }
  const file = join(root, `digit-${index}.png`);
  writeFileSync(file, PNG.sync.write(png));
  return { file, label: test.labels[index]! };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'deepwire-predict-'));
  runDir = join(root, 'run');
  const summary = await runSession({
    runId: 'run',
    runDir,
    start: {
      document: tinyDigitsGraph(),
      settings: { ...DEFAULT_SETTINGS, limit: 1000, epochs: 2, backend: 'cpu', learningRate: 0.005 },
    },
    emit: () => undefined,
  });
  expect(summary?.valAcc).toBeGreaterThan(0.7);
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('predictImage', () => {
  it('gives one probability per class, summing to 1, and mostly the right digit', async () => {
    let correct = 0;
    for (const index of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const { file, label } = await digitPng(index);
      const prediction = await predictImage(runDir, file);
      expect(prediction.classes.map((c) => c.label)).toEqual([
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
      ]);
      expect(prediction.classes.reduce((sum, c) => sum + c.probability, 0)).toBeCloseTo(1, 4);
      if (prediction.top === String(label)) correct++;
    }
    expect(correct).toBeGreaterThanOrEqual(5);
  });

  it('says which engine ran, and both engines give the same probabilities', async () => {
    const { file } = await digitPng(3);
    const byEngine = new Map<string, number[]>();
    for (const engine of INFERENCE_ENGINES) {
      process.env['DEEPWIRE_INFER'] = engine;
      try {
        const prediction = await predictImage(runDir, file);
        expect(prediction.engine).toBe(engine);
        byEngine.set(
          engine,
          prediction.classes.map((c) => c.probability),
        );
      } finally {
        delete process.env['DEEPWIRE_INFER'];
      }
    }
    const [a = [], b = []] = [...byEngine.values()];
    a.forEach((p, i) => expect(Math.abs(p - (b[i] ?? NaN))).toBeLessThanOrEqual(TOLERANCE));
  });

  it('says so when the run has no final model', async () => {
    const { file } = await digitPng(0);
    await expect(predictImage(join(root, 'missing'), file)).rejects.toThrow();
  });
});
