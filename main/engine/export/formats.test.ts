import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeNet5 } from '../../../core/templates/classic';
import { createRng } from '../../../core/random';
import { withH5 } from '../import/h5';
import { readZipEntries } from '../import/zip';
import { exportRun } from './index';
import { checkKerasFile } from './keras/structure';
import { findTorchPython, runProgram, torchrunCommand } from './pytorch';
import { writeFakeRun } from './test-helpers';
import { noteMissingDependency } from '../../services/testing';

let scratch = '';
let runDir = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-formats-'));
  runDir = join(scratch, 'run');
  await writeFakeRun(runDir, buildLeNet5(), 5);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('Keras 3 file structure', () => {
  it('has config.json, metadata.json and saving_lib weight paths with the right shapes', async () => {
    const out = join(scratch, 'keras');
    await exportRun(runDir, { format: 'keras', out });
    const file = join(out, 'model.keras');
    expect(await checkKerasFile(file)).toEqual([]);
    const entries = readZipEntries(
      await readFile(file),
      ['config.json', 'metadata.json', 'model.weights.h5'],
      'x',
    );
    const config = JSON.parse(new TextDecoder().decode(entries.get('config.json')));
    expect(Object.keys(config).sort()).toEqual(
      ['build_config', 'class_name', 'compile_config', 'config', 'module', 'registered_name'].sort(),
    );
    expect(config.class_name).toBe('Functional');
    const conv = config.config.layers.find((l: { name: string }) => l.name === 'c3');
    expect(conv.inbound_nodes[0].args[0].config.keras_history).toEqual(['s2', 0, 0]);
    const shapes = await withH5(entries.get('model.weights.h5')!, 'h5', (list) =>
      Object.fromEntries(
        ['layers/conv2d', 'layers/conv2d_1', 'layers/dense', 'layers/dense_1', 'layers/dense_2'].map((g) => [
          g,
          list(`${g}/vars`).map((d) => d.shape),
        ]),
      ),
    );
    expect(shapes).toEqual({
      'layers/conv2d': [[5, 5, 1, 6], [6]],
      'layers/conv2d_1': [[5, 5, 6, 16], [16]],
      'layers/dense': [[400, 120], [120]],
      'layers/dense_1': [[120, 84], [84]],
      'layers/dense_2': [[84, 10], [10]],
    });
  });
});

/** A tiny MNIST-style IDX folder: 16 seeded 28×28 images and labels. */
async function writeIdx(dir: string, count: number): Promise<void> {
  const rng = createRng(9);
  const images = Buffer.alloc(16 + count * 784);
  images.writeUInt32BE(2051, 0);
  images.writeUInt32BE(count, 4);
  images.writeUInt32BE(28, 8);
  images.writeUInt32BE(28, 12);
  for (let i = 16; i < images.length; i++) images[i] = rng.int(256);
  const labels = Buffer.alloc(8 + count);
  labels.writeUInt32BE(2049, 0);
  labels.writeUInt32BE(count, 4);
  for (let i = 0; i < count; i++) labels[8 + i] = i % 10;
  await writeFile(join(dir, 'train-images-idx3-ubyte'), images);
  await writeFile(join(dir, 'train-labels-idx1-ubyte'), labels);
}

/** A loopback port nothing listens on now: torchrun's --standalone always takes 29400, which another torchrun may hold. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

describe('PyTorch train.py', () => {
  it('runs under torchrun --nproc_per_node=2 (DDP, gloo on CPU) and writes weights', async (ctx) => {
    const torch = await findTorchPython();
    if ('reason' in torch) {
      noteMissingDependency(torch.reason);
      ctx.skip();
      return;
    }
    const out = join(scratch, 'pytorch');
    await exportRun(runDir, { format: 'pytorch', out });
    await writeIdx(scratch, 16);
    const trained = join(scratch, 'trained');
    const cmd = torchrunCommand(torch.python);
    const args = [
      ...cmd.args,
      '--rdzv_backend=c10d',
      `--rdzv_endpoint=127.0.0.1:${await freePort()}`,
      `--rdzv_id=deepwire-test-${process.pid}`,
      '--nnodes=1',
      '--nproc_per_node=2',
      // Debian's torch 1.13 on Python 3.11 cannot parse the default redirects ("0"); explicit ones work.
      '--redirects',
      '2',
      '--tee',
      '1',
      join(out, 'train.py'),
      '--data',
      scratch,
      // 16 samples over 2 processes at batch 4 are 2 steps an epoch: 3 steps end mid-way through the second.
      '--epochs',
      '3',
      '--iterations',
      '3',
      '--batch-size',
      '4',
      '--out',
      trained,
    ];
    const result = await runProgram(cmd.file, args, {
      cwd: out,
      timeoutMs: 240_000,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    expect(result.code, result.stderr.slice(-2000)).toBe(0);
    expect(result.stdout).toMatch(/epoch 2\/3 loss/);
    expect(result.stdout).not.toMatch(/epoch 3\/3/);
    expect(result.stdout).toMatch(/saved weights to .* after 3 optimizer steps/);
    const original = await stat(join(out, 'weights.bin'));
    expect((await stat(join(trained, 'weights.bin'))).size).toBe(original.size);
    const changed = !(await readFile(join(trained, 'weights.bin'))).equals(
      await readFile(join(out, 'weights.bin')),
    );
    expect(changed).toBe(true);
  }, 300_000);
});
