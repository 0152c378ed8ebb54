/**
 * `npm run bench:train [-- --json out.json] [--profile] [--models a,b] [--rounds n]`
 *
 * Training and inference images/s of ResNet-20, Plain-20 and LeNet-5 (batch
 * 128) per available backend, with PyTorch CPU run in the same invocation,
 * alternating round by round, so the ratio holds even on a busy machine.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { tf } from '../main/engine/backends/tf';
import { configureWasm } from '../main/engine/backends/wasm';
import { registerSimdKernels, unregisterSimdKernels, getSimdRuntime } from '../main/engine/simd';
import { buildBenchModel, imagesPerSecond, type BenchModel } from './deepwire-runner';
import { formatProfile, profileKernels } from './profile';
import { measurePeak } from './peak';
import { findTorchPython, runTorch } from './torch-runner';

type Backend = 'wasm' | 'wasm-stock' | 'cpu';

export type BenchRow = {
  model: string;
  backend: Backend | 'torch';
  batch: number;
  trainImgPerSec: number;
  trainMin: number;
  trainMax: number;
  inferImgPerSec: number;
  inferMin: number;
  inferMax: number;
  trainGflops: number;
  inferGflops: number;
  /** Achieved training GFLOP/s over the measured wasm SIMD peak of all cores. */
  fractionOfPeak: number;
  ratioToTorch: number | null;
  inferRatioToTorch: number | null;
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function useBackend(backend: Backend): Promise<void> {
  if (backend === 'cpu') {
    await tf.setBackend('cpu');
    return;
  }
  await tf.setBackend('wasm');
  if (backend === 'wasm') await registerSimdKernels();
  else unregisterSimdKernels();
}

const BATCH = 128;
const STEPS: Record<Backend, { train: number; infer: number; batch: number }> = {
  wasm: { train: 2, infer: 4, batch: BATCH },
  'wasm-stock': { train: 1, infer: 2, batch: BATCH },
  cpu: { train: 1, infer: 1, batch: BATCH },
};

async function main(): Promise<void> {
  const models = (arg('models') ?? 'resnet20,plain20,lenet5').split(',');
  const rounds = Number(arg('rounds') ?? 3);
  const jsonPath = arg('json');
  const withStock = !flag('no-stock');
  configureWasm();
  await tf.setBackend('wasm');
  await tf.ready();
  await registerSimdKernels();
  const rt = await getSimdRuntime();
  const threads = rt.threads;
  const torch = flag('no-torch') ? null : findTorchPython();
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Deepwire bench:train — ${cpuModel}, ${os.availableParallelism()} logical cores, SIMD kernels on ${threads} threads`,
  );
  console.log(
    torch
      ? `PyTorch ${torch.version} via ${torch.python} (${threads} threads)`
      : 'PyTorch: not importable, no reference',
  );

  if (flag('profile')) {
    for (const id of models) {
      for (const backend of ['wasm', ...(withStock ? ['wasm-stock'] : [])] as Backend[]) {
        await useBackend(backend);
        const m = buildBenchModel(id, BATCH);
        // Three warm-up steps, so V8 has optimised the JS kernels before the timed one.
        for (let i = 0; i < 3; i++) m.trainStep();
        console.log(
          formatProfile(
            `${id} on ${backend}`,
            profileKernels('wasm', () => m.trainStep()),
          ),
        );
        m.dispose();
      }
    }
    await useBackend('wasm');
    return;
  }

  const rows: BenchRow[] = [];
  for (const id of models) {
    const backends: Backend[] = [
      'wasm',
      ...(withStock ? (['wasm-stock'] as const) : []),
      ...(id === 'lenet5' ? (['cpu'] as const) : []),
    ];
    const samples = new Map<string, { train: number[]; infer: number[] }>();
    const add = (key: string, train: number, infer: number) => {
      const s = samples.get(key) ?? { train: [], infer: [] };
      s.train.push(train);
      s.infer.push(infer);
      samples.set(key, s);
    };
    let macs = 0;
    const built = new Map<Backend, BenchModel>();
    for (let round = 0; round < rounds; round++) {
      for (const backend of backends) {
        if (backend === 'cpu' && round > 0) continue;
        await useBackend(backend);
        let m = built.get(backend);
        if (!m) {
          m = buildBenchModel(id, STEPS[backend].batch);
          m.trainStep(); // warm-up: kernel setup, XNNPACK operator caches
          m.inferStep();
          built.set(backend, m);
        }
        macs = m.macsPerImage;
        const steps = STEPS[backend];
        add(
          backend,
          imagesPerSecond(m.trainStep, steps.train, steps.batch),
          imagesPerSecond(m.inferStep, steps.infer, steps.batch),
        );
        built.delete(backend);
        m.dispose();
      }
      if (torch) {
        const t = runTorch(torch.python, id, BATCH, { train: 3, infer: 6 }, threads);
        add('torch', t.trainImgPerSec, t.inferImgPerSec);
      }
      process.stdout.write(`  ${id}: round ${round + 1}/${rounds} done\n`);
    }
    const peak = measurePeak(rt);
    const torchS = samples.get('torch');
    for (const [backend, s] of samples) {
      const train = median(s.train);
      const infer = median(s.infer);
      const trainGflops = (train * 6 * macs) / 1e9;
      rows.push({
        model: id,
        backend: backend as BenchRow['backend'],
        batch: BATCH,
        trainImgPerSec: train,
        trainMin: Math.min(...s.train),
        trainMax: Math.max(...s.train),
        inferImgPerSec: infer,
        inferMin: Math.min(...s.infer),
        inferMax: Math.max(...s.infer),
        trainGflops,
        inferGflops: (infer * 2 * macs) / 1e9,
        fractionOfPeak: trainGflops / peak,
        ratioToTorch: torchS ? train / median(torchS.train) : null,
        inferRatioToTorch: torchS ? infer / median(torchS.infer) : null,
      });
    }
    console.log(`  measured wasm SIMD peak now: ${peak.toFixed(1)} GFLOP/s on ${threads} threads`);
  }
  console.log(formatTable(rows));
  if (jsonPath) {
    writeFileSync(jsonPath, JSON.stringify(rows, null, 2) + '\n');
    console.log(`wrote ${jsonPath}`);
  }
}

export function formatTable(rows: BenchRow[]): string {
  const head = [
    'model',
    'backend',
    'train img/s (min–max)',
    'infer img/s (min–max)',
    'train GF/s',
    'of peak',
    '÷ torch train',
    '÷ torch infer',
  ];
  const f = (n: number, d = 1) => n.toFixed(d);
  const body = rows.map((r) => [
    r.model,
    r.backend,
    `${f(r.trainImgPerSec)} (${f(r.trainMin)}–${f(r.trainMax)})`,
    `${f(r.inferImgPerSec)} (${f(r.inferMin)}–${f(r.inferMax)})`,
    f(r.trainGflops),
    `${f(100 * r.fractionOfPeak, 0)}%`,
    r.ratioToTorch === null ? '—' : `${f(r.ratioToTorch, 2)}×`,
    r.inferRatioToTorch === null ? '—' : `${f(r.inferRatioToTorch, 2)}×`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join(
    '\n',
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
