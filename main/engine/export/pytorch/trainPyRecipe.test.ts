import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rng } from '../../../../core/random';
import {
  DEFAULT_SETTINGS,
  learningRateAt,
  OPTIMIZERS,
  type OptimizerName,
  type Schedule,
} from '../../../../core/training/settings';
import { createOptimizer, disposeOptimizer, setLearningRate } from '../../train/optimizer';
import { fillBatch, type BatchOptions } from '../../data/batches';
import type { Samples } from '../../data/types';
import { noteMissingDependency } from '../../../services/testing';
import { findTorchPython, runProgram } from './index';
import { TRAIN_PY } from './trainPy';

const dirs: string[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Runs `code` with train.py importable (model.py stubbed: only the recipe helpers are exercised). */
async function python(code: string): Promise<string | null> {
  const torch = await findTorchPython();
  if ('reason' in torch) {
    noteMissingDependency(torch.reason);
    return null;
  }
  const dir = await mkdtemp(join(tmpdir(), 'deepwire-trainpy-'));
  dirs.push(dir);
  await writeFile(join(dir, 'train.py'), TRAIN_PY);
  await writeFile(join(dir, 'model.py'), 'DeepwireModel = load_weights = save_weights = None\n');
  const result = await runProgram(torch.python, ['-c', code], { cwd: dir, timeoutMs: 120_000 });
  expect(result.code, result.stderr.slice(-2000)).toBe(0);
  return result.stdout;
}

describe('exported train.py recipe', () => {
  it("computes the same learning rate as Deepwire's loop for warm-up, step, cosine and iteration milestones", async (ctx) => {
    const cases: { schedule: Schedule; flag: string; warmup: number; iterations?: number }[] = [
      { schedule: { kind: 'cosine' }, flag: 'cosine', warmup: 1, iterations: 10 },
      { schedule: { kind: 'step', every: 2, gamma: 0.5 }, flag: 'step:2:0.5', warmup: 1 },
      { schedule: { kind: 'cosine' }, flag: 'cosine', warmup: 1 },
      {
        schedule: { kind: 'multistep', milestones: [7, 13], unit: 'iteration', gamma: 0.1 },
        flag: 'multistep:7,13:0.1:iter',
        warmup: 0,
      },
      {
        schedule: { kind: 'multistep', milestones: [2, 3], unit: 'epoch', gamma: 0.1 },
        flag: 'multistep:2,3:0.1',
        warmup: 0,
      },
      {
        schedule: { kind: 'multistep', milestones: [6, 9], unit: 'iteration', gamma: 0.5 },
        flag: 'multistep:6,9:0.5:iter',
        warmup: 2,
      },
      { schedule: { kind: 'constant' }, flag: 'constant', warmup: 2 },
    ];
    const steps = 4;
    const points = Array.from({ length: 5 * steps }, (_, i) => [Math.floor(i / steps), i % steps] as const);
    const script = [
      'import json, train',
      `cases = ${JSON.stringify(cases.map((c) => [c.flag, c.warmup, c.iterations ?? 0]))}`,
      `points = ${JSON.stringify(points)}`,
      `print(json.dumps([[train.lr_at(0.1, train.parse_schedule(f), w, 5, e, i / ${steps}, ${steps}, n) for e, i in points] for f, w, n in cases]))`,
    ].join('\n');
    const out = await python(script);
    if (out === null) return ctx.skip();
    const fromPython = JSON.parse(out) as number[][];
    cases.forEach((c, k) => {
      const settings = {
        ...DEFAULT_SETTINGS,
        learningRate: 0.1,
        epochs: 5,
        warmupEpochs: c.warmup,
        schedule: c.schedule,
        ...(c.iterations ? { maxIterations: c.iterations } : {}),
      };
      const expected = points.map(([e, i]) => learningRateAt(settings, e, i / steps, steps));
      fromPython[k]?.forEach((lr, j) => expect(lr).toBeCloseTo(expected[j] ?? NaN, 12));
    });
  }, 150_000);

  it('flips and shifts in the data, filling with black, and reads the same --augment syntax', async (ctx) => {
    const script = [
      'import json, torch, train',
      'x = torch.arange(1, 17, dtype=torch.float32).reshape(1, 4, 4, 1).repeat(64, 1, 1, 1)',
      'black = torch.full((4, 4, 1), -1.0)',
      'g = torch.Generator().manual_seed(1)',
      'flipped = train.augment_batch(x, True, 0, g, black)',
      'shifted = train.augment_batch(x, False, 1, g, black)',
      'mirrored = sum(1 for i in range(64) if torch.equal(flipped[i], x[i].flip(1)))',
      'same = sum(1 for i in range(64) if torch.equal(flipped[i], x[i]))',
      'values_ok = all(v in set(range(-1, 17)) - {0} for v in shifted.flatten().tolist())',
      'padded = sum(1 for i in range(64) if (shifted[i] == -1).any().item())',
      'print(json.dumps([train.parse_augment("flip,crop:4"), train.parse_augment("none"), mirrored, same, values_ok, padded]))',
    ].join('\n');
    const out = await python(script);
    if (out === null) return ctx.skip();
    const [flipCrop, none, mirrored, same, valuesOk, padded] = JSON.parse(out) as [
      unknown,
      unknown,
      number,
      number,
      boolean,
      number,
    ];
    expect(flipCrop).toEqual([true, 4, 0]);
    expect(none).toEqual([false, 0, 0]);
    // Each sample is either kept or mirrored, and both happen (seeded, so the counts are fixed).
    expect(mirrored + same).toBe(64);
    expect(mirrored).toBeGreaterThan(0);
    expect(same).toBeGreaterThan(0);
    // Shifted samples hold only image pixels and black; most of 64 shifts by up to 1 px uncover an edge.
    expect(valuesOk).toBe(true);
    expect(padded).toBeGreaterThan(0);
  }, 150_000);

  it("moves pixels exactly as Deepwire's fillBatch for the same decisions (flip, crop, shift)", async (ctx) => {
    // A 5×6 two-channel image with distinct bytes, standardised with uneven stats so black ≠ 0.
    const shape: [number, number, number] = [5, 6, 2];
    const images = Uint8Array.from({ length: 60 }, (_, i) => 20 + 3 * i);
    const image: Samples = { images, labels: Uint8Array.from([0]), count: 1, shape };
    const blackImage: Samples = { ...image, images: new Uint8Array(60) };
    const opts: BatchOptions = { normalise: 'standard', stats: { mean: [0.3, 0.6], std: [0.2, 0.4] } };
    const plain = Array.from(fillBatch(image, [0], opts).x);
    const black = Array.from(fillBatch(blackImage, [0], opts).x);
    const decisions = [
      { flip: true, crop: [1, -2], shift: [-1, 1] },
      { flip: false, crop: [-3, 2], shift: [2, 0] },
      { flip: true, crop: [0, 0], shift: [0, -3] },
      { flip: true, crop: [5, 0], shift: [0, 0] },
    ];
    const expected = decisions.map((d) => {
      // Plays the decisions back through fillBatch's draws: flip, crop dy, dx, shift dy, dx.
      const ints = [d.crop[0]! + 3, d.crop[1]! + 3, d.shift[0]! + 3, d.shift[1]! + 3];
      const rng: Rng = {
        next: () => (d.flip ? 0 : 0.9),
        int: () => ints.shift()!,
        normal: () => 0,
        state: () => 0,
      };
      const augment = { flip: true, cropPadding: 3, shift: 3 };
      return Array.from(fillBatch(image, [0], { ...opts, augment }, rng).x);
    });
    const script = [
      'import json, torch, train',
      `plain = torch.tensor(${JSON.stringify(plain)}, dtype=torch.float32).reshape(${shape.join(', ')})`,
      `black = torch.tensor(${JSON.stringify(black)}, dtype=torch.float32).reshape(${shape.join(', ')})`,
      `decisions = json.loads(${JSON.stringify(JSON.stringify(decisions))})`,
      'out = [train.augment_one(plain, d["flip"], tuple(d["crop"]), tuple(d["shift"]), black).flatten().tolist() for d in decisions]',
      'print(json.dumps(out))',
    ].join('\n');
    const out = await python(script);
    if (out === null) return ctx.skip();
    // float32 values travel through JSON as doubles that round back exactly.
    const fromPython = (JSON.parse(out) as number[][]).map((values) => values.map((v) => Math.fround(v)));
    expect(fromPython).toEqual(expected);
  }, 150_000);

  it("updates weights as Deepwire's tfjs optimizers do, decaying kernels only, for every optimizer", async (ctx) => {
    const kernel0 = [
      [0.5, -0.25, 1.5],
      [-1, 0.75, 0.1],
    ];
    const bias0 = [0.2, -0.3, 0.05];
    const steps = 5;
    const grad = (t: number, n: number, k: number) =>
      Math.sin(1.3 * t + 0.7 * n + 0.3 * k) * (t % 2 ? 0.1 : 1);
    const kernelGrads = Array.from({ length: steps }, (_, t) =>
      kernel0.map((row, r) => row.map((_, c) => grad(t, r, c))),
    );
    const biasGrads = Array.from({ length: steps }, (_, t) => bias0.map((_, c) => grad(t, 5, c)));
    const rates = [0.1, 0.1, 0.05, 0.05, 0.01];
    const decay = 0.01;

    const deepwire = (name: OptimizerName) => {
      const kernel = tf.variable(tf.tensor2d(kernel0));
      const bias = tf.variable(tf.tensor1d(bias0));
      const optimizer = createOptimizer(name, rates[0]!);
      // The engine's loss adds decay/2 * sum(w^2) over kernels; its gradient is what the optimizer sees.
      const decayGrad = tf.grad((w: tf.Tensor) => tf.mul(tf.sum(tf.square(w)), decay / 2));
      for (let t = 0; t < steps; t++) {
        setLearningRate(optimizer, rates[t]!);
        tf.tidy(() =>
          optimizer.applyGradients({
            [kernel.name]: tf.add(tf.tensor2d(kernelGrads[t]!), decayGrad(kernel)),
            [bias.name]: tf.tensor1d(biasGrads[t]!),
          }),
        );
      }
      const out = [...(kernel.dataSync() as Float32Array), ...(bias.dataSync() as Float32Array)];
      kernel.dispose();
      bias.dispose();
      disposeOptimizer(optimizer);
      return out;
    };

    const script = [
      'import json, torch, train',
      `kg, bg, rates = ${JSON.stringify(kernelGrads)}, ${JSON.stringify(biasGrads)}, ${JSON.stringify(rates)}`,
      'out = {}',
      `for name in ${JSON.stringify(OPTIMIZERS)}:`,
      `    kernel = torch.nn.Parameter(torch.tensor(${JSON.stringify(kernel0)}, dtype=torch.float32))`,
      `    bias = torch.nn.Parameter(torch.tensor(${JSON.stringify(bias0)}, dtype=torch.float32))`,
      `    opt = train.make_optimizer(name, [kernel, bias], rates[0], ${decay})`,
      '    for t, lr in enumerate(rates):',
      '        for group in opt.param_groups:',
      '            group["lr"] = lr',
      '        kernel.grad = torch.tensor(kg[t], dtype=torch.float32)',
      '        bias.grad = torch.tensor(bg[t], dtype=torch.float32)',
      '        opt.step()',
      '    out[name] = kernel.detach().flatten().tolist() + bias.detach().tolist()',
      'print(json.dumps(out))',
    ].join('\n');
    const out = await python(script);
    if (out === null) return ctx.skip();
    const fromPython = JSON.parse(out) as Record<OptimizerName, number[]>;
    for (const name of OPTIMIZERS) {
      const expected = deepwire(name);
      const initial = [...kernel0.flat(), ...bias0];
      expect(
        expected.some((v, i) => Math.abs(v - initial[i]!) > 1e-3),
        name,
      ).toBe(true);
      fromPython[name].forEach((v, i) =>
        expect(Math.abs(v - expected[i]!), `${name}[${i}]`).toBeLessThanOrEqual(1e-6),
      );
    }
  }, 150_000);
});
