import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../backends';
import { createInspector, type Inspector } from './inspector';
import { setLayerWeights, tinyConvNet, writeTestRun } from './test-runs';

let root: string;
let inspector: Inspector;
const runDir = () => join(root, 'mixed');

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  root = await mkdtemp(join(tmpdir(), 'deepwire-cell-'));
  // Fixed sign-mixed weights: predictions spread over several classes, so cells differ.
  const pattern = (i: number, scale: number) => Math.sin(i * 12.9898 + 1.7) * scale;
  await writeTestRun(runDir(), tinyConvNet(), (c) => {
    setLayerWeights(c, 'conv', [
      tf.tensor4d(
        Float32Array.from({ length: 18 }, (_, i) => pattern(i, 1)),
        [3, 3, 1, 2],
      ),
    ]);
    setLayerWeights(c, 'output', [
      tf.tensor2d(
        Float32Array.from({ length: 1280 }, (_, i) => pattern(i + 100, 2)),
        [128, 10],
      ),
      tf.zeros([10]),
    ]);
  });
  inspector = createInspector();
}, 60_000);

afterAll(async () => {
  inspector.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('confusion cell pictures', () => {
  it('lists exactly the samples the matrix counts in each cell, page by page', async () => {
    const split = 'validation';
    const limit = 40;
    const evaluation = await inspector.run({
      channel: 'runs.evaluate',
      request: { runId: 'mixed', split, limit },
      runDir: runDir(),
    });
    const cells = evaluation.matrix.flatMap((row, label) =>
      row.map((n, predicted) => ({ label, predicted, n })),
    );
    expect(cells.filter((c) => c.n > 0).length).toBeGreaterThan(2);
    const seen = new Set<number>();
    for (const { label, predicted, n } of cells) {
      const pages = [];
      for (let offset = 0; offset === 0 || offset < n; offset += 3) {
        const page = await inspector.run({
          channel: 'runs.confusionCell',
          request: { runId: 'mixed', split, limit, label, predicted, offset, pageSize: 3 },
          runDir: runDir(),
        });
        expect(page.total).toBe(n);
        expect(page.items.length).toBe(Math.min(3, Math.max(0, n - offset)));
        pages.push(...page.items);
      }
      expect(pages).toHaveLength(n);
      for (const item of pages) {
        expect(item).toMatchObject({ label, predicted });
        expect(item.probs).toHaveLength(10);
        expect(item.probs.indexOf(Math.max(...item.probs))).toBe(predicted);
        expect(seen.has(item.index)).toBe(false);
        seen.add(item.index);
      }
      const indices = pages.map((item) => item.index);
      expect(indices).toEqual([...indices].sort((a, b) => a - b));
    }
    // Every evaluated sample is in exactly one cell.
    expect(seen.size).toBe(evaluation.count);
  }, 60_000);

  it('answers a page past the end with no pictures and the cell’s total', async () => {
    const page = await inspector.run({
      channel: 'runs.confusionCell',
      request: {
        runId: 'mixed',
        split: 'validation',
        limit: 40,
        label: 0,
        predicted: 0,
        offset: 1000,
        pageSize: 10,
      },
      runDir: runDir(),
    });
    expect(page.items).toEqual([]);
    expect(page.classes).toHaveLength(10);
  });
});
