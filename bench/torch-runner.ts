import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
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

export type TorchChunk = { imgPerSec: number; steps: number; seconds: number };

/** A warmed-up PyTorch model in its own process, timing one chunk per request. */
export interface TorchReference {
  /** The vector ISA PyTorch's ATen kernels dispatch to, as torch reports it. */
  capability: string;
  chunk(kind: 'train' | 'infer', seconds: number): Promise<TorchChunk>;
  close(): void;
}

/**
 * Starts `torch_models.py` for `model` and waits until it has run its
 * warm-up steps, so every chunk timed after is steady state. The process
 * idles on stdin between chunks and so does not compete with Deepwire's.
 */
export async function startTorch(
  python: string,
  model: string,
  batch: number,
  threads: number,
  warmupSteps = 5,
): Promise<TorchReference> {
  const child: ChildProcessWithoutNullStreams = spawn(
    python,
    [script, model, String(batch), String(threads), String(warmupSteps)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`torch reference for ${model} ended: ${stderr.trim()}`);
    return JSON.parse(String(value)) as Record<string, unknown>;
  };
  const ready = await next();
  if (ready['ready'] !== true) throw new Error(`torch reference for ${model} did not start`);
  return {
    capability: typeof ready['capability'] === 'string' ? ready['capability'] : 'unknown',
    async chunk(kind, seconds) {
      child.stdin.write(`${kind} ${seconds}\n`);
      const r = await next();
      if (typeof r['imgPerSec'] !== 'number') throw new Error(`torch reference printed no result`);
      return { imgPerSec: r['imgPerSec'], steps: Number(r['steps']), seconds: Number(r['seconds']) };
    },
    close() {
      child.stdin.end('quit\n');
    },
  };
}
