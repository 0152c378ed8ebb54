import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandComposites } from '../../../core/graph/expand';
import type { GraphDocument } from '../../../core/graph/schema';
import { buildLeNet5 } from '../../../core/templates/classic';
import { tf } from '../backends/tf';
import { compileGraph, sanitiseLayerName } from '../compile';
import { everyNodeTypeGraph, resnet20Graph } from '../compile/test-graphs';
import { exportRun } from '../export';
import { checkBatch, loadRun, maxAbsDiff } from '../export/run';
import { dilatedConvGraph, writeFakeRun } from '../export/test-helpers';
import { applyWeights } from '../train/checkpoint';
import { importModel } from './index';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-import-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Node types and params by (sanitised) id: what "the same graph" means across formats. */
function shapeOfGraph(doc: GraphDocument): Record<string, { type: string; params: unknown }> {
  const out: Record<string, { type: string; params: unknown }> = {};
  for (const n of expandComposites(doc).nodes)
    out[sanitiseLayerName(n.id)] = { type: n.type, params: n.params };
  return out;
}

const CASES: [string, () => GraphDocument][] = [
  ['LeNet-5', buildLeNet5],
  ['ResNet-20', resnet20Graph],
  ['every node type', () => everyNodeTypeGraph()],
  ['dilated convolutions', dilatedConvGraph],
];
const SOURCES = [
  ['tfjs', (dir: string) => dir],
  ['keras', (dir: string) => join(dir, 'model.keras')],
  ['onnx', (dir: string) => join(dir, 'model.onnx')],
] as const;

describe.each(CASES)('%s round trip', (label, build) => {
  it.each(SOURCES)(
    'export → import %s gives the same graph and outputs',
    async (format, fileOf) => {
      const runDir = join(scratch, `${label.replace(/\W/g, '_')}-${format}`);
      await writeFakeRun(runDir, build(), 11);
      const out = join(runDir, 'export');
      await exportRun(runDir, { format, out });
      const imported = await importModel(fileOf(out));
      expect(shapeOfGraph(imported.document)).toEqual(shapeOfGraph(build()));

      const run = await loadRun(runDir);
      const batch = checkBatch(run.compiled, run.ir);
      const { model } = compileGraph(imported.document, { seed: 0 });
      applyWeights(model, imported.weights.specs, imported.weights.data);
      const y = tf.tidy(() => (model.predict(tf.tensor4d(batch.x, batch.shape)) as tf.Tensor).dataSync());
      expect(maxAbsDiff(y, batch.expected)).toBeLessThanOrEqual(1e-4);
      model.dispose();
      run.compiled.model.dispose();
      // Laid out left to right: every edge goes to a later column.
      const x = new Map(imported.document.nodes.map((n) => [n.id, n.position.x]));
      for (const e of imported.document.edges)
        expect(x.get(e.target)).toBeGreaterThan(x.get(e.source) ?? Infinity);
    },
    120_000,
  );
});

describe('hostile and broken files fail cleanly', () => {
  let tfjsDir = '';
  let modelJson: {
    modelTopology: unknown;
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
  };
  beforeAll(async () => {
    const runDir = join(scratch, 'hostile-run');
    await writeFakeRun(runDir, buildLeNet5(), 2);
    tfjsDir = join(scratch, 'hostile-tfjs');
    await exportRun(runDir, { format: 'tfjs', out: tfjsDir });
    modelJson = JSON.parse(await readFile(join(tfjsDir, 'model.json'), 'utf8'));
  });

  async function variant(name: string, edit: (json: typeof modelJson) => void): Promise<string> {
    const dir = join(scratch, name);
    await mkdir(dir, { recursive: true });
    const copy = structuredClone(modelJson);
    edit(copy);
    await writeFile(join(dir, 'model.json'), JSON.stringify(copy));
    await writeFile(join(dir, 'group1-shard1of1.bin'), await readFile(join(tfjsDir, 'group1-shard1of1.bin')));
    return dir;
  }

  it('refuses weight paths outside the model folder', async () => {
    const up = await variant('up', (j) => (j.weightsManifest[0]!.paths = ['../secret.bin']));
    await expect(importModel(up)).rejects.toThrow(/outside the model folder/);
    const abs = await variant('abs', (j) => (j.weightsManifest[0]!.paths = ['/etc/passwd']));
    await expect(importModel(abs)).rejects.toThrow(/outside the model folder/);
  });

  it('refuses shapes whose byte count does not match the data', async () => {
    const dir = await variant('mismatch', (j) => (j.weightsManifest[0]!.weights[0]!.shape = [5, 5, 1, 7]));
    await expect(importModel(dir)).rejects.toThrow(/declares/);
  });

  it('refuses huge shapes before allocating', async () => {
    const dir = await variant(
      'huge',
      (j) => (j.weightsManifest[0]!.weights[0]!.shape = [65536, 65536, 64, 64]),
    );
    await expect(importModel(dir)).rejects.toThrow(/parameter limit/);
  });

  it('refuses truncated model.json and truncated weights', async () => {
    const dir = join(scratch, 'truncated');
    await mkdir(dir, { recursive: true });
    const text = JSON.stringify(modelJson);
    await writeFile(join(dir, 'model.json'), text.slice(0, text.length / 2));
    await expect(importModel(dir)).rejects.toThrow(/not valid JSON/);
    const short = await variant('short-bin', () => undefined);
    const bin = await readFile(join(short, 'group1-shard1of1.bin'));
    await writeFile(join(short, 'group1-shard1of1.bin'), bin.subarray(0, bin.length - 100));
    await expect(importModel(short)).rejects.toThrow(/truncated or mismatched/);
  });

  it('refuses Lambda layers and unknown classes by name, running nothing', async () => {
    const lambda = await variant('lambda', (j) => {
      const layers = (j.modelTopology as { config: { layers: { class_name: string; config: object }[] } })
        .config.layers;
      layers[2]!.class_name = 'Lambda';
      layers[2]!.config = { ...layers[2]!.config, function: 'os.system("rm -rf /")' };
    });
    await expect(importModel(lambda)).rejects.toThrow(/Layer 'c1-tanh'.*Lambda/);
    const unknown = await variant('unknown', (j) => {
      const layers = (j.modelTopology as { config: { layers: { class_name: string }[] } }).config.layers;
      layers[1]!.class_name = 'MysteryLayer';
    });
    await expect(importModel(unknown)).rejects.toThrow(/Layer 'c1'.*'MysteryLayer'/);
  });

  it('refuses zip-slip entries, zip bombs and truncated .keras files', async () => {
    const slip = join(scratch, 'slip.keras');
    await writeFile(slip, zipSync({ '../evil.txt': strToU8('x'), 'config.json': strToU8('{}') }));
    await expect(importModel(slip)).rejects.toThrow(/outside the archive/);
    const bomb = join(scratch, 'bomb.keras');
    await writeFile(bomb, zipSync({ 'model.weights.h5': [new Uint8Array(64 * 1024 * 1024), { level: 9 }] }));
    await expect(importModel(bomb)).rejects.toThrow(/zip bomb/);
    const many = join(scratch, 'many.keras');
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 100; i++) entries[`f${i}`] = strToU8('x');
    await writeFile(many, zipSync(entries));
    await expect(importModel(many)).rejects.toThrow(/more than 64 entries/);
    const good = join(scratch, 'good-keras');
    await exportRun(join(scratch, 'hostile-run'), { format: 'keras', out: good });
    const bytes = await readFile(join(good, 'model.keras'));
    const cut = join(scratch, 'cut.keras');
    await writeFile(cut, bytes.subarray(0, bytes.length - 200));
    await expect(importModel(cut)).rejects.toThrow(/not a readable zip/);
  });

  it('refuses truncated ONNX files and initializers whose bytes do not match their shape', async () => {
    const out = join(scratch, 'onnx-good');
    await exportRun(join(scratch, 'hostile-run'), { format: 'onnx', out });
    const bytes = await readFile(join(out, 'model.onnx'));
    const cut = join(scratch, 'cut.onnx');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await expect(importModel(cut)).rejects.toThrow(/truncated|declares|not produced/);
  });
});
