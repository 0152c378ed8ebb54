import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { camOverlay } from '../../../core/insight/camOverlay';
import { initBackend, tf } from '../../engine/backends';
import { gradCam } from '../../engine/inspect/gradcam';
import { loadRun } from '../../engine/inspect/loadRun';
import { setLayerWeights, tinyConvNet, writeTestRun } from '../../engine/inspect/test-runs';
import { run } from './predict';

let root: string;
const runDir = () => join(root, 'run');
const image = () => join(root, 'step.png');

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  root = await mkdtemp(join(tmpdir(), 'deepwire-cam-cli-'));
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
  // A bright right half on an 8×8 picture.
  const png = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < 64; i++) {
    const v = i % 8 >= 4 ? 255 : 0;
    png.data.set([v, v, v, 255], i * 4);
  }
  await writeFile(image(), PNG.sync.write(png));
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the command with stdout/stderr captured. */
async function predict(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await run(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('deepwire predict --cam', () => {
  it('writes the Grad-CAM overlay the app draws, for the class asked', async () => {
    const file = join(root, 'cam.png');
    const result = await predict([runDir(), image(), '--cam', file, '--cam-class', '7', '--json']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out) as { cam: unknown; classes: unknown[] };
    expect(printed.classes).toHaveLength(10);
    expect(printed.cam).toEqual({ file, layer: 'conv', class: '7', size: [8, 8] });
    const written = PNG.sync.read(await readFile(file));
    expect([written.width, written.height]).toEqual([224, 224]);
    // Pixel for pixel what core's overlay makes of the engine's map and the picture.
    const loaded = await loadRun(runDir());
    try {
      const pixels = Uint8Array.from({ length: 64 }, (_, i) => (i % 8 >= 4 ? 255 : 0));
      const cam = await gradCam(
        loaded,
        Float32Array.from(pixels, (v) => v / 255),
        { classIndex: 7 },
      );
      expect(cam.values.some((v) => v > 0)).toBe(true);
      const expected = camOverlay(
        { pixels, height: 8, width: 8, channels: 1 },
        { values: cam.values, height: 8, width: 8 },
        { scale: 28, alpha: 0.45 },
      );
      expect(Buffer.from(written.data).equals(Buffer.from(expected.data))).toBe(true);
    } finally {
      loaded.compiled.model.dispose();
    }
  });

  it('says which layer is not a conv layer, and refuses --cam-layer without --cam', async () => {
    const bad = await predict([runDir(), image(), '--cam', join(root, 'x.png'), '--cam-layer', 'flatten']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/'flatten' is not a conv layer/);
    const usage = await predict([runDir(), image(), '--cam-layer', 'conv']);
    expect(usage.code).toBe(2);
    const missing = await predict([runDir(), image(), '--cam']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--cam needs a value/);
  });
});
