import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../export/pytorch/python';
import type { Batch } from '../train/step';
import type { ReluMask } from './reluMasks';

const SCRIPT = fileURLToPath(new URL('./torch_parity.py', import.meta.url));

/** What PyTorch is asked to replay for one case. */
export interface TorchJob {
  name: string;
  modelDir: string;
  inputShape: [number, number, number];
  batches: Batch[];
  learningRates: number[];
  momentum: number;
  weightDecay: number;
  /** Evaluate after every `stepsPerEpoch` steps on these splits (full recipe only). */
  evaluation?: { stepsPerEpoch: number; train: Batch; validation: Batch; batchSize: number };
  /** Also train the recipe as plain PyTorch does (own init, shuffle and decay), seeded so. */
  referenceSeed?: number;
  /** Deepwire's step-1 ReLU masks: the float64 reference gradient is taken on the same side of each kink. */
  reluMasks?: ReluMask[];
}

export interface TorchEpoch {
  runningError: number;
  train: { loss: number; error: number };
  val: { loss: number; error: number };
}

export interface TorchResult {
  name: string;
  loss1: number;
  logits1: number[];
  grads: Map<string, { shape: number[]; values: Float32Array }>;
  /** The same gradients computed in float64 (rounded to float32): the reference for both. */
  grads64: Map<string, { shape: number[]; values: Float32Array }>;
  losses: number[];
  epochs: TorchEpoch[];
  /** The recipe trained as plain PyTorch does (`TorchJob.referenceSeed`). */
  reference?: TorchEpoch[];
}

interface RawResult {
  name: string;
  loss1: number;
  logits1: number[];
  gradKeys: [string, number[]][];
  losses: number[];
  epochs: TorchEpoch[];
  reference?: TorchEpoch[];
}

function concat(batches: readonly Batch[], pixels: number): { x: Buffer; y: Buffer } {
  const total = batches.reduce((n, b) => n + b.size, 0);
  const x = new Float32Array(total * pixels);
  const y = new Int32Array(total);
  let at = 0;
  for (const b of batches) {
    x.set(b.x.subarray(0, b.size * pixels), at * pixels);
    y.set(b.y.subarray(0, b.size), at);
    at += b.size;
  }
  return { x: Buffer.from(x.buffer), y: Buffer.from(y.buffer) };
}

async function writeSplit(dir: string, prefix: string, batches: readonly Batch[], pixels: number) {
  const { x, y } = concat(batches, pixels);
  const xFile = join(dir, `${prefix}.x.f32`);
  const yFile = join(dir, `${prefix}.y.i32`);
  await writeFile(xFile, x);
  await writeFile(yFile, y);
  return { xFile, yFile, count: y.byteLength / 4 };
}

async function writeMasks(file: string, masks: readonly ReluMask[]) {
  const layout = [];
  let offset = 0;
  for (const m of masks) {
    layout.push({ module: m.module, shape: m.shape, offset });
    offset += m.mask.length;
  }
  const bytes = new Uint8Array(offset);
  for (const [i, m] of masks.entries()) bytes.set(m.mask, layout[i]!.offset);
  await writeFile(file, bytes);
  return { file, layout };
}

/** Runs every job in one python process (torch imports once); throws with python's last lines on failure. */
export async function runTorchJobs(
  python: string,
  dir: string,
  jobs: readonly TorchJob[],
  opts: { threads?: number; timeoutMs?: number } = {},
): Promise<TorchResult[]> {
  const specs = [];
  for (const [i, job] of jobs.entries()) {
    const pixels = job.inputShape[0] * job.inputShape[1] * job.inputShape[2];
    const fed = await writeSplit(dir, `job${i}`, job.batches, pixels);
    const spec: Record<string, unknown> = {
      name: job.name,
      modelDir: job.modelDir,
      inputShape: job.inputShape,
      xFile: fed.xFile,
      yFile: fed.yFile,
      batchSizes: job.batches.map((b) => b.size),
      learningRates: job.learningRates,
      momentum: job.momentum,
      weightDecay: job.weightDecay,
      gradFile: join(dir, `job${i}.grads.f32`),
    };
    if (job.reluMasks && job.reluMasks.length > 0) {
      spec.reluMasks = await writeMasks(join(dir, `job${i}.masks.u8`), job.reluMasks);
    }
    if (job.evaluation) {
      const train = await writeSplit(dir, `job${i}.eval`, [job.evaluation.train], pixels);
      const val = await writeSplit(dir, `job${i}.val`, [job.evaluation.validation], pixels);
      Object.assign(spec, {
        evaluate: true,
        stepsPerEpoch: job.evaluation.stepsPerEpoch,
        evalXFile: train.xFile,
        evalYFile: train.yFile,
        evalCount: train.count,
        valXFile: val.xFile,
        valYFile: val.yFile,
        valCount: val.count,
        evalBatch: job.evaluation.batchSize,
        ...(job.referenceSeed === undefined ? {} : { referenceSeed: job.referenceSeed }),
      });
    }
    specs.push(spec);
  }
  const jobFile = join(dir, 'jobs.json');
  await writeFile(jobFile, JSON.stringify({ threads: opts.threads ?? 1, jobs: specs }));
  const result = await runProgram(python, [SCRIPT, jobFile], { timeoutMs: opts.timeoutMs ?? 600_000 });
  if (result.code !== 0) {
    const last = result.stderr.trim().split('\n').slice(-4).join(' | ');
    throw new Error(`torch_parity.py failed (exit ${result.code}): ${last}`);
  }
  const raws = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RawResult);
  return Promise.all(
    raws.map(async (raw, i) => ({
      name: raw.name,
      loss1: raw.loss1,
      logits1: raw.logits1,
      grads: await readGrads(join(dir, `job${i}.grads.f32`), raw.gradKeys),
      grads64: await readGrads(join(dir, `job${i}.grads.f3264`), raw.gradKeys),
      losses: raw.losses,
      epochs: raw.epochs,
      ...(raw.reference ? { reference: raw.reference } : {}),
    })),
  );
}

async function readGrads(
  file: string,
  keys: [string, number[]][],
): Promise<Map<string, { shape: number[]; values: Float32Array }>> {
  const bytes = await readFile(file);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  let at = 0;
  for (const [key, shape] of keys) {
    const size = shape.reduce((a, b) => a * b, 1);
    out.set(key, { shape, values: all.slice(at, at + size) });
    at += size;
  }
  return out;
}
