import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { createRng } from '../../../../core/random';
import { tf } from '../../backends/tf';
import { fillBatch } from '../../data';
import { decodeImage, toChannels } from '../../data/decode';
import { ExportError, type ExportIr } from '../ir';
import { PREPROCESSING_FILE, type Preprocessing } from '../preprocessing';
import { maxAbsDiff } from '../run';
import type { Verification } from '../types';
import { PREDICT_MJS } from './predictMjs';
import { PREDICT_PY } from './predictPy';

export { bundleReadme } from './readme';

/** The packages predict.mjs loads, with the versions this app was built and checked with. */
const NODE_DEPENDENCIES = ['onnxruntime-node', 'pngjs', 'jpeg-js'] as const;
const requireHere = createRequire(import.meta.url);

function installedVersion(name: string): string {
  const pkg = requireHere(`${name}/package.json`) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '*';
}

function packageJson(ir: ExportIr): string {
  const slug =
    ir.name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'model';
  const dependencies = Object.fromEntries(NODE_DEPENDENCIES.map((n) => [n, `^${installedVersion(n)}`]));
  const pkg = {
    name: `${slug}-deepwire-bundle`,
    version: '1.0.0',
    private: true,
    type: 'module',
    description: `${ir.name}, exported by Deepwire: model.onnx with its preprocessing`,
    scripts: { predict: 'node predict.mjs' },
    dependencies,
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The deploy bundle's files besides model.onnx and README.md. */
export async function writeBundle(
  ir: ExportIr,
  dir: string,
  preprocessing: Preprocessing | null,
): Promise<string[]> {
  if (!preprocessing)
    throw new ExportError(
      'A bundle needs the run’s preprocessing (normalisation.json with a 1- or 3-channel input); this run has none',
    );
  await writeFile(join(dir, PREPROCESSING_FILE), `${JSON.stringify(preprocessing, null, 2)}\n`);
  await writeFile(join(dir, 'predict.mjs'), PREDICT_MJS, { mode: 0o755 });
  await writeFile(join(dir, 'predict.py'), PREDICT_PY, { mode: 0o755 });
  await writeFile(join(dir, 'package.json'), packageJson(ir));
  return [PREPROCESSING_FILE, 'predict.mjs', 'predict.py', 'package.json'];
}

/** A seeded picture larger than the input, with a partly transparent corner, so resize and alpha are both exercised. */
export function checkPicture(height: number, width: number, seed = 7): Buffer {
  const png = new PNG({ width, height });
  const rng = createRng(seed);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) png.data[i * 4 + c] = rng.int(256);
    png.data[i * 4 + 3] = i % width < width / 4 ? 128 : 255;
  }
  return PNG.sync.write(png);
}

/** The folder that holds predict.mjs's packages here, for NODE_PATH. */
function packagesFolder(): string {
  return dirname(dirname(requireHere.resolve('onnxruntime-node/package.json')));
}

function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `node predict.mjs picture.png --json` with the packages this app has; returns the probabilities. */
export async function runPredictMjs(dir: string, image: string): Promise<number[]> {
  const nodePath = [packagesFolder(), process.env.NODE_PATH].filter(Boolean).join(delimiter);
  const result = await runNode([join(dir, 'predict.mjs'), image, '--json'], {
    ...process.env,
    NODE_PATH: nodePath,
  });
  if (result.code !== 0)
    throw new Error(`predict.mjs failed: ${result.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  const parsed = JSON.parse(result.stdout) as { classes: { probability: number }[] };
  return parsed.classes.map((c) => c.probability);
}

/**
 * The bundle's own check: predict.mjs on a raw picture against the trained
 * model on the same picture decoded and normalised as Deepwire's predict does.
 */
export async function verifyBundle(
  dir: string,
  model: tf.LayersModel,
  preprocessing: Preprocessing,
): Promise<Verification> {
  const check = 'Bundle: node predict.mjs on a raw PNG';
  if (process.versions.electron !== undefined)
    return { check, ran: false, reason: 'the app has no separate Node.js to run predict.mjs with' };
  const [h, w, c] = preprocessing.inputShape;
  const scratch = await mkdtemp(join(tmpdir(), 'deepwire-bundle-'));
  try {
    const picture = checkPicture(h + 5, w + 3);
    const image = join(scratch, 'check.png');
    await writeFile(image, picture);
    const pixels = toChannels(decodeImage(new Uint8Array(picture), 'check.png'), h, w, c);
    const batch = fillBatch({ images: pixels, labels: new Uint8Array(1), count: 1, shape: [h, w, c] }, [0], {
      normalise: 'standard',
      stats: { mean: preprocessing.mean, std: preprocessing.std },
    });
    const expected = tf.tidy(() =>
      (model.predict(tf.tensor4d(batch.x, [1, h, w, c])) as tf.Tensor).dataSync(),
    );
    const got = await runPredictMjs(dir, image);
    return { check, ran: true, maxAbsDiff: maxAbsDiff(got, expected) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { check, ran: true, maxAbsDiff: Number.POSITIVE_INFINITY, reason: message };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
