import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../core/graph/builder';
import type { GraphDocument } from '../../../core/graph/schema';
import { createRng } from '../../../core/random';
import { decodeImage, toChannels } from '../data/decode';
import { importModel, writeImportedRun } from '../import';
import { predictImage } from '../train/predict';
import { readJson, RUN_FILES, type Normalisation } from '../train/runFolder';
import { checkPicture } from './bundle';
import { decodeModel } from './onnx/onnx-proto';
import { exportRun } from './index';
import { PREPROCESSING_FILE, PREPROCESSING_KEY, preprocessingOf, readPreprocessing } from './preprocessing';
import { findTorchPython, runProgram } from './pytorch';
import { writeFakeRun } from './test-helpers';
import { noteMissingDependency } from '../../services/testing';

/** Far from identity, per channel, with named classes: an import that drops any of it predicts differently. */
const NORM: Normalisation & { inputShape: [number, number, 1 | 3] } = {
  inputShape: [12, 10, 3],
  mean: [0.62, 0.21, 0.45],
  std: [0.11, 0.35, 0.07],
  classes: ['cat', 'dog', 'bird', 'fish'],
};

function rgbNet(): GraphDocument {
  const g = new GraphBuilder('rgb-net');
  g.add('input', { height: 12, width: 10, channels: 3 }, { id: 'in' });
  g.add('conv2d', { filters: 4, kernel: 3, stride: 1, padding: 'same' }, { id: 'conv' });
  g.add('activation', { fn: 'relu' }, { id: 'relu' });
  g.add('maxPool2d', { pool: 2, stride: 2, padding: 'valid' }, { id: 'pool' });
  g.add('flatten', {}, { id: 'flatten' });
  g.add('output', { classes: 4 }, { id: 'out' });
  return g.build();
}

let scratch = '';
let runDir = '';
const images: string[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-preprocessing-'));
  runDir = join(scratch, 'run');
  await writeFakeRun(runDir, rgbNet(), 11);
  await writeFile(join(runDir, RUN_FILES.normalisation), JSON.stringify(NORM));
  // A raw picture of another size with a half-transparent band, and a JPEG of seeded noise.
  images.push(join(scratch, 'raw.png'));
  await writeFile(images[0]!, checkPicture(23, 17, 5));
  const rng = createRng(9);
  const rgba = Buffer.alloc(31 * 29 * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : rng.int(256);
  images.push(join(scratch, 'raw.jpg'));
  await writeFile(images[1]!, jpeg.encode({ width: 31, height: 29, data: rgba }, 90).data);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function probabilities(dir: string, image: string): Promise<number[]> {
  return (await predictImage(dir, image)).classes.map((c) => c.probability);
}

/** Exports, imports the file back as a run, and returns that run's folder and the import's notes. */
async function roundTrip(
  format: 'onnx' | 'tfjs' | 'keras',
  file: string,
): Promise<{ dir: string; notes: string[] }> {
  const out = join(scratch, `export-${format}`);
  await exportRun(runDir, { format, out });
  const result = await importModel(join(out, file));
  const runs = join(scratch, `runs-${format}`);
  const { runDir: dir } = await writeImportedRun(runs, result, { fileName: file });
  return { dir, notes: result.notes };
}

describe('exports carry the preprocessing, imports read it back', () => {
  it('ONNX keeps it in metadata_props', async () => {
    const out = join(scratch, 'onnx-meta');
    await exportRun(runDir, { format: 'onnx', out });
    const model = decodeModel(new Uint8Array(await readFile(join(out, 'model.onnx'))));
    const prop = model.metadataProps?.find((p) => p.key === PREPROCESSING_KEY);
    const read = readPreprocessing(prop?.value);
    expect(read.ok && read.value).toMatchObject({ ...NORM, channelOrder: 'RGB', layout: 'NHWC' });
  });

  it('TF.js keeps it in userDefinedMetadata', async () => {
    const out = join(scratch, 'tfjs-meta');
    await exportRun(runDir, { format: 'tfjs', out });
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.userDefinedMetadata[PREPROCESSING_KEY]).toMatchObject(NORM);
  });

  it.each([
    ['onnx', 'model.onnx'],
    ['tfjs', 'model.json'],
    ['keras', 'model.keras'],
  ] as const)(
    '%s: a round trip predicts the same probabilities on raw PNG and JPEG pictures',
    async (format, file) => {
      const { dir, notes } = await roundTrip(format, file);
      expect(notes.join('\n')).toContain(`Preprocessing from ${file}`);
      expect(await readJson<Normalisation>(join(dir, RUN_FILES.normalisation))).toEqual(NORM);
      const provenance = await readJson<{ imported: { preprocessing: string } }>(
        join(dir, RUN_FILES.provenance),
      );
      expect(provenance.imported.preprocessing).toBe('from-file');
      for (const image of images) {
        const original = await probabilities(runDir, image);
        const imported = await probabilities(dir, image);
        expect(Math.max(...original.map((p, i) => Math.abs(p - (imported[i] ?? Infinity))))).toBeLessThan(
          1e-5,
        );
        expect((await predictImage(dir, image)).top).toBe((await predictImage(runDir, image)).top);
      }
    },
  );

  it('Keras keeps it in metadata.json inside the .keras file, not only beside it', async () => {
    const out = join(scratch, 'export-keras');
    await exportRun(runDir, { format: 'keras', out });
    await rm(join(out, PREPROCESSING_FILE));
    const result = await importModel(join(out, 'model.keras'));
    expect(result.preprocessing?.mean).toEqual(NORM.mean);
  });

  it('PyTorch: preprocessing.json beside the weights gives the same probabilities in torch', async () => {
    const out = join(scratch, 'export-pytorch');
    await exportRun(runDir, { format: 'pytorch', out });
    expect(await readdir(out)).toContain(PREPROCESSING_FILE);
    const found = await findTorchPython();
    if ('reason' in found) return noteMissingDependency(found.reason);
    const [h, w, c] = NORM.inputShape;
    const bytes = toChannels(decodeImage(new Uint8Array(await readFile(images[0]!)), 'raw.png'), h, w, c);
    const raw = join(scratch, 'raw.u8');
    await writeFile(raw, bytes);
    // The script knows only the export folder and the picture's bytes: mean, std and shape come from preprocessing.json.
    const script = `
import json, sys, torch
sys.path.insert(0, sys.argv[1])
from model import DeepwireModel, load_weights
pre = json.load(open(sys.argv[1] + "/preprocessing.json"))
h, w, c = pre["inputShape"]
b = torch.frombuffer(bytearray(open(sys.argv[2], "rb").read()), dtype=torch.uint8).reshape(1, h, w, c).float()
std = torch.tensor(pre["std"], dtype=torch.float32)
x = b * (1.0 / (pre["pixelScale"] * std)) - torch.tensor(pre["mean"], dtype=torch.float32) / std
model = load_weights(DeepwireModel(), sys.argv[1]).eval()
with torch.no_grad():
    print(json.dumps(model(x)[0].tolist()))
`;
    const result = await runProgram(found.python, ['-c', script, out, raw]);
    expect(result.stderr.split('\n').filter((l) => l.includes('Error'))).toEqual([]);
    const torchProbs = JSON.parse(result.stdout) as number[];
    const original = await probabilities(runDir, images[0]!);
    expect(Math.max(...original.map((p, i) => Math.abs(p - (torchProbs[i] ?? Infinity))))).toBeLessThan(1e-5);
  });

  it('a file without metadata is imported saying it assumes none', async () => {
    const bare = join(scratch, 'bare-run');
    await writeFakeRun(bare, rgbNet(), 11);
    const out = join(scratch, 'bare-onnx');
    await exportRun(bare, { format: 'onnx', out });
    const result = await importModel(join(out, 'model.onnx'));
    expect(result.preprocessing).toBeNull();
    expect(result.notes.join('\n')).toMatch(/model\.onnx carries no preprocessing metadata: assuming none/);
    const { runDir: dir } = await writeImportedRun(join(scratch, 'runs-bare'), result, {
      fileName: 'model.onnx',
    });
    const provenance = await readJson<{ imported: { preprocessing: string } }>(
      join(dir, RUN_FILES.provenance),
    );
    expect(provenance.imported.preprocessing).toBe('assumed-none');
  });

  it('metadata for another input shape is not applied, and the note says why', async () => {
    const wrong = {
      ...preprocessingOf(NORM),
      inputShape: [28, 28, 1],
      channelOrder: 'gray',
      mean: [0.1],
      std: [0.3],
    };
    const model = join(scratch, 'mismatch');
    await rm(model, { recursive: true, force: true });
    await writeFakeRun(join(scratch, 'bare-run-2'), rgbNet(), 11);
    await exportRun(join(scratch, 'bare-run-2'), { format: 'keras', out: model });
    await writeFile(join(model, PREPROCESSING_FILE), JSON.stringify(wrong));
    const result = await importModel(join(model, 'model.keras'));
    expect(result.preprocessing).toBeNull();
    expect(result.notes.join('\n')).toContain("is for a 28×28×1 input, not the graph's 12×10×3 input");
  });
});
