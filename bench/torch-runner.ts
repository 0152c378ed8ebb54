import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference', 'torch_models.py');

/** Debian's python3 has python3-torch; a pyenv `python3` on PATH may not: try both. */
export function findTorchPython(): { python: string; version: string } | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      const version = execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      return { python, version };
    } catch {
      // not this one
    }
  }
  return null;
}

export type TorchResult = { trainImgPerSec: number; inferImgPerSec: number };

export function runTorch(
  python: string,
  model: string,
  batch: number,
  steps: { train: number; infer: number },
  threads: number,
): TorchResult {
  const out = execFileSync(
    python,
    [script, model, String(batch), String(steps.train), String(steps.infer), String(threads)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Partial<TorchResult>;
  if (typeof parsed.trainImgPerSec !== 'number' || typeof parsed.inferImgPerSec !== 'number') {
    throw new Error(`torch reference printed no result: ${out}`);
  }
  return { trainImgPerSec: parsed.trainImgPerSec, inferImgPerSec: parsed.inferImgPerSec };
}
