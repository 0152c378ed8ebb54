import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainingSettings } from '../../../../core/training/settings';
import type { ExportIr } from '../ir';
import { maxAbsDiff, type CheckBatch } from '../run';
import type { Verification } from '../types';
import { modelPy } from './modelPy';
import { findTorchPython, runProgram } from './python';
import { TRAIN_PY } from './trainPy';
import { trainRecipe } from './trainPyRecipe';

export { findTorchPython, runProgram, torchrunCommand } from './python';

export const PYTORCH_FILES = ['model.py', 'weights.bin', 'weights.json', 'train.py'] as const;
const RECIPE_FILE = 'recipe.json';

/**
 * model.py, the weights as raw little-endian float32 with a JSON index, and
 * train.py; with the run's settings, recipe.json too (train.py's defaults).
 */
export async function writePytorch(
  ir: ExportIr,
  dir: string,
  settings?: TrainingSettings,
): Promise<string[]> {
  const { source, tensors } = modelPy(ir);
  const index: Record<string, { offset: number; shape: number[] }> = {};
  let offset = 0;
  for (const t of tensors) {
    index[t.key] = { offset, shape: t.weight.shape };
    offset += t.weight.values.byteLength;
  }
  const bin = Buffer.alloc(offset);
  for (const t of tensors) {
    const at = index[t.key]?.offset ?? 0;
    // Explicit little-endian, whatever the host's byte order.
    t.weight.values.forEach((v, i) => bin.writeFloatLE(v, at + i * 4));
  }
  await writeFile(join(dir, 'model.py'), source);
  await writeFile(join(dir, 'weights.bin'), bin);
  await writeFile(
    join(dir, 'weights.json'),
    JSON.stringify({ format: 'deepwire-float32-le', tensors: index }, null, 1),
  );
  await writeFile(join(dir, 'train.py'), TRAIN_PY);
  if (!settings) return [...PYTORCH_FILES];
  await writeFile(join(dir, RECIPE_FILE), `${JSON.stringify(trainRecipe(settings), null, 1)}\n`);
  return [...PYTORCH_FILES, RECIPE_FILE];
}

const RUN_BATCH = `
import sys, torch
sys.path.insert(0, sys.argv[1])
from model import DeepwireModel, load_weights
shape = [int(d) for d in sys.argv[3].split(",")]
with open(sys.argv[2], "rb") as f:
    x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(shape)
model = load_weights(DeepwireModel(), sys.argv[1]).eval()
with torch.no_grad():
    y = model(x).contiguous()
with open(sys.argv[4], "wb") as f:
    f.write(bytes(y.numpy().astype("<f4").tobytes()))
`;

/** Runs model.py in python3 + torch on the check batch (skipped, with the reason, without torch). */
export async function verifyPytorch(dir: string, batch: CheckBatch): Promise<Verification> {
  const check = 'PyTorch: model.py + weights in python3/torch';
  const found = await findTorchPython();
  if ('reason' in found) return { check, ran: false, reason: found.reason };
  const scratch = await mkdtemp(join(tmpdir(), 'deepwire-torch-'));
  try {
    const xFile = join(scratch, 'x.f32');
    const yFile = join(scratch, 'y.f32');
    await writeFile(xFile, Buffer.from(batch.x.buffer, batch.x.byteOffset, batch.x.byteLength));
    const result = await runProgram(found.python, [
      '-c',
      RUN_BATCH,
      dir,
      xFile,
      batch.shape.join(','),
      yFile,
    ]);
    if (result.code !== 0) {
      const last = result.stderr.trim().split('\n').slice(-3).join(' | ');
      return { check, ran: true, maxAbsDiff: Number.POSITIVE_INFINITY, reason: `python failed: ${last}` };
    }
    const bytes = await readFile(yFile);
    const y = new Float32Array(bytes.byteLength / 4);
    for (let i = 0; i < y.length; i++) y[i] = bytes.readFloatLE(i * 4);
    return { check, ran: true, maxAbsDiff: maxAbsDiff(y, batch.expected) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
