import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeNet5 } from '../../../core/templates/classic';
import { tf } from '../backends/tf';
import { listRunsDetailed } from '../experiment/runHistory';
import { exportRun } from '../export';
import { checkBatch, loadRun as loadExportRun, maxAbsDiff } from '../export/run';
import { dilatedConvGraph, writeFakeRun } from '../export/test-helpers';
import { loadRun } from '../inspect/loadRun';
import { predictImage } from '../train/predict';
import { RUN_FILES } from '../train/runFolder';
import { importModel, writeImportedRun, type ImportedProvenance } from './index';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-import-run-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The original run's outputs against the imported run's, on the exporters' seeded check batch. */
async function importedRunMatches(original: string, imported: string): Promise<number> {
  const source = await loadExportRun(original);
  const batch = checkBatch(source.compiled, source.ir);
  const rebuilt = await loadRun(imported);
  const y = tf.tidy(() =>
    (rebuilt.compiled.model.predict(tf.tensor4d(batch.x, batch.shape)) as tf.Tensor).dataSync(),
  );
  source.compiled.model.dispose();
  rebuilt.compiled.model.dispose();
  return maxAbsDiff(y, batch.expected);
}

describe('an imported model is kept as a finished run', () => {
  it.each([
    ['LeNet-5', buildLeNet5],
    ['dilated convolutions', dilatedConvGraph],
  ])(
    '%s: TF.js export → import → run folder that loadRun rebuilds with the same outputs',
    async (label, build) => {
      const original = join(scratch, `${label.replace(/\W/g, '_')}-original`);
      await writeFakeRun(original, build(), 13);
      const exported = join(original, 'exports', 'tfjs');
      await exportRun(original, { format: 'tfjs', out: exported });
      const runsDir = join(scratch, `${label.replace(/\W/g, '_')}-runs`);
      const result = await importModel(exported);
      const kept = await writeImportedRun(runsDir, result, { fileName: 'model.json' });

      expect(kept.runDir).toBe(join(runsDir, kept.runId));
      expect((await readdir(runsDir)).sort()).toEqual([kept.runId]);
      expect((await readdir(kept.runDir)).sort()).toEqual(
        [
          RUN_FILES.graph,
          RUN_FILES.metrics,
          RUN_FILES.model,
          RUN_FILES.normalisation,
          RUN_FILES.provenance,
          RUN_FILES.settings,
        ].sort(),
      );
      expect(await readFile(join(kept.runDir, RUN_FILES.metrics), 'utf8')).toBe('');
      const provenance = JSON.parse(
        await readFile(join(kept.runDir, RUN_FILES.provenance), 'utf8'),
      ) as ImportedProvenance;
      expect(provenance.imported).toEqual({
        source: 'tfjs',
        file: 'model.json',
        format: 'TensorFlow.js LayersModel',
        // The fake run has no normalisation.json, so its export carries no preprocessing.
        preprocessing: 'assumed-none',
      });
      expect(provenance.runId).toBe(kept.runId);

      expect(await importedRunMatches(original, kept.runDir)).toBeLessThanOrEqual(1e-6);

      const [row] = await listRunsDetailed(runsDir, () => false);
      expect(row?.runId).toBe(kept.runId);
      expect(row?.outcome).toBe('done');
      expect(row?.status).toBe('done');
    },
    120_000,
  );

  it('deepwire predict works on it: a picture is classified with the kept weights', async () => {
    const original = join(scratch, 'predict-original');
    await writeFakeRun(original, buildLeNet5(), 17);
    const exported = join(original, 'exports', 'tfjs');
    await exportRun(original, { format: 'tfjs', out: exported });
    const kept = await writeImportedRun(join(scratch, 'predict-runs'), await importModel(exported), {
      fileName: 'model.json',
    });
    const png = new PNG({ width: 28, height: 28 });
    for (let i = 0; i < png.data.length; i += 4) {
      const v = (i / 4) % 29 === 0 ? 255 : 0;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
    const picture = join(scratch, 'diagonal.png');
    await writeFile(picture, PNG.sync.write(png));
    const prediction = await predictImage(kept.runDir, picture);
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
    const total = prediction.classes.reduce((n, c) => n + c.probability, 0);
    expect(total).toBeCloseTo(1, 5);
  }, 120_000);

  it('leaves nothing behind when the run cannot be written', async () => {
    const original = join(scratch, 'collide-original');
    await writeFakeRun(original, buildLeNet5(), 19);
    const exported = join(original, 'exports', 'tfjs');
    await exportRun(original, { format: 'tfjs', out: exported });
    const runsDir = join(scratch, 'collide-runs');
    // A run id that is already taken by a non-empty folder: the final rename fails.
    await mkdir(join(runsDir, 'taken', 'checkpoints'), { recursive: true });
    const result = await importModel(exported);
    await expect(
      writeImportedRun(runsDir, result, { fileName: 'model.json', runId: 'taken' }),
    ).rejects.toThrow();
    expect(await readdir(runsDir)).toEqual(['taken']);
    expect(await readdir(join(runsDir, 'taken'))).toEqual(['checkpoints']);
  }, 120_000);

  it('refuses a graph it cannot make a run of before writing anything', async () => {
    const original = join(scratch, 'two-inputs-original');
    await writeFakeRun(original, buildLeNet5(), 23);
    const exported = join(original, 'exports', 'tfjs');
    await exportRun(original, { format: 'tfjs', out: exported });
    const result = await importModel(exported);
    const input = result.document.nodes.find((n) => n.type === 'input');
    if (!input) throw new Error('LeNet-5 has an input');
    const twoInputs = {
      ...result,
      document: { ...result.document, nodes: [...result.document.nodes, { ...input, id: 'second' }] },
    };
    const runsDir = join(scratch, 'two-inputs-runs');
    await expect(writeImportedRun(runsDir, twoInputs, { fileName: 'model.json' })).rejects.toThrow(
      /2 inputs/,
    );
    expect(await stat(runsDir).catch(() => null)).toBeNull();
  }, 120_000);
});
