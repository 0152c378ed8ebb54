import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeNet5 } from '../../../../core/templates/classic';
import { createRng } from '../../../../core/random';
import { fillBatch } from '../../data';
import { decodeImage, toChannels } from '../../data/decode';
import { predictImage } from '../../train/predict';
import { RUN_FILES, type Normalisation } from '../../train/runFolder';
import { noteMissingDependency } from '../../../services/testing';
import { exportRun } from '../index';
import { writeFakeRun } from '../test-helpers';
import { checkPicture, runPredictMjs } from './index';

const NORM: Normalisation & { inputShape: [number, number, 1 | 3] } = {
  inputShape: [28, 28, 1],
  mean: [0.1307],
  std: [0.3081],
  classes: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
};

let scratch = '';
let runDir = '';
let out = '';
const images: string[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-bundle-test-'));
  runDir = join(scratch, 'run');
  out = join(scratch, 'bundle');
  await writeFakeRun(runDir, buildLeNet5(), 4);
  await writeFile(join(runDir, RUN_FILES.normalisation), JSON.stringify(NORM));
  images.push(join(scratch, 'digit.png'));
  await writeFile(images[0]!, checkPicture(40, 33, 2));
  const rng = createRng(12);
  const rgba = Buffer.alloc(45 * 37 * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : rng.int(256);
  images.push(join(scratch, 'photo.jpg'));
  await writeFile(images[1]!, jpeg.encode({ width: 45, height: 37, data: rgba }, 85).data);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('deploy bundle', () => {
  it('writes the model, its preprocessing, predict.mjs/.py, package.json and a README, and checks predict.mjs', async () => {
    const result = await exportRun(runDir, { format: 'bundle', out });
    expect((await readdir(out)).sort()).toEqual(
      ['README.md', 'model.onnx', 'package.json', 'predict.mjs', 'predict.py', 'preprocessing.json'].sort(),
    );
    const checks = Object.fromEntries(result.verification.map((v) => [v.check, v]));
    expect(checks['Bundle: node predict.mjs on a raw PNG']).toMatchObject({ ran: true });
    expect(checks['Bundle: node predict.mjs on a raw PNG']?.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    const pkg = JSON.parse(await readFile(join(out, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toContain('onnxruntime-node');
    const pre = JSON.parse(await readFile(join(out, 'preprocessing.json'), 'utf8'));
    expect(pre).toMatchObject({ ...NORM, channelOrder: 'gray', resize: 'bilinear-half-pixel' });
    const readme = await readFile(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('--format bundle --out my-model');
    expect(readme).toContain('node predict.mjs digit.png');
  });

  it('node predict.mjs on raw PNG and JPEG pictures gives deepwire predict’s probabilities within 1e-4', async () => {
    await exportRun(runDir, { format: 'bundle', out });
    for (const image of images) {
      const app = await predictImage(runDir, image);
      const bundle = await runPredictMjs(out, image);
      const diff = Math.max(...app.classes.map((c, i) => Math.abs(c.probability - (bundle[i] ?? Infinity))));
      expect(diff).toBeLessThanOrEqual(1e-4);
    }
  });

  it('predict.py preprocesses a picture to the same float input as Deepwire', async () => {
    await exportRun(runDir, { format: 'bundle', out });
    const python = '/usr/bin/python3';
    const hasNumpy = await new Promise<boolean>((resolve) =>
      execFile(python, ['-c', 'import numpy'], (error) => resolve(!error)),
    );
    if (!hasNumpy) return noteMissingDependency('python3 with numpy is not installed');
    const [h, w, c] = NORM.inputShape;
    const decoded = decodeImage(new Uint8Array(await readFile(images[0]!)), 'digit.png');
    const rgbaFile = join(scratch, 'rgba.u8');
    await writeFile(rgbaFile, decoded.data);
    // onnxruntime and Pillow are only needed to run the model and decode; the preprocessing is numpy's.
    const script = `
import sys, types, json
sys.modules["onnxruntime"] = types.ModuleType("onnxruntime")
pil = types.ModuleType("PIL"); pil.Image = None; sys.modules["PIL"] = pil
sys.path.insert(0, sys.argv[1])
import numpy as np, predict
pre = json.load(open(sys.argv[1] + "/preprocessing.json"))
h, w, c = pre["inputShape"]
rgba = np.fromfile(sys.argv[2], dtype=np.uint8).reshape(int(sys.argv[3]), int(sys.argv[4]), 4)
x = predict.normalise(predict.to_channels(rgba, h, w, c), pre)
sys.stdout.write(json.dumps([float(v) for v in x.reshape(-1)]))
`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        python,
        ['-c', script, out, rgbaFile, String(decoded.height), String(decoded.width)],
        { maxBuffer: 16 * 1024 * 1024 },
        (error, so, se) => (error ? reject(new Error(se)) : resolve(so)),
      ),
    );
    const fromPython = JSON.parse(stdout) as number[];
    const pixels = toChannels(decoded, h, w, c);
    const batch = fillBatch({ images: pixels, labels: new Uint8Array(1), count: 1, shape: [h, w, c] }, [0], {
      normalise: 'standard',
      stats: { mean: NORM.mean, std: NORM.std },
    });
    expect(fromPython).toHaveLength(batch.x.length);
    expect(Math.max(...fromPython.map((v, i) => Math.abs(v - batch.x[i]!)))).toBeLessThan(1e-6);
  });
});
