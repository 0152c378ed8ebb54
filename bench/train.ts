/**
 * `npm run bench:train [-- --json out.json] [--profile] [--models a,b] [--rounds n] [--seconds s]`
 *
 * Training and inference images/s of ResNet-20, Plain-20 and LeNet-5 (batch
 * 128) per available backend, against a warmed-up PyTorch CPU reference
 * kept running in its own process. Each round times one chunk of at least
 * `--seconds` (2) per engine, Deepwire's and PyTorch's alternating, so the
 * ratio holds even on a busy machine; rows are medians over `--rounds` (5).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { tf } from '../main/engine/backends/tf';
import { configureWasm } from '../main/engine/backends/wasm';
import { registerSimdKernels, unregisterSimdKernels, getSimdRuntime } from '../main/engine/simd';
import { buildBenchModel, timedChunk } from './deepwire-runner';
import { vectorIsa } from './machine';
import { formatProfile, profileKernels } from './profile';
import { measurePeak } from './peak';
import { findTorchPython, startTorch, type TorchReference } from './torch-runner';
import { formatTable, rowOf, type BenchRow, type Samples } from './train-table';

type Backend = 'wasm' | 'wasm-stock' | 'cpu';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

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
/** Steps each engine runs before its first timed chunk (PyTorch: oneDNN primitives, allocator pools). */
const WARMUP_STEPS = 5;

async function main(): Promise<void> {
  const models = (arg('models') ?? 'resnet20,plain20,lenet5').split(',');
  const rounds = Number(arg('rounds') ?? 5);
  const chunkSeconds = Number(arg('seconds') ?? 2);
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
  console.log(`vector ISA: ${vectorIsa()} (wasm SIMD is 128-bit on any of them)`);
  console.log(
    torch
      ? `PyTorch ${torch.version} via ${torch.python} (${threads} threads, ${WARMUP_STEPS} warm-up steps)`
      : 'PyTorch: not importable, no reference',
  );
  console.log(`chunks of ≥ ${chunkSeconds} s, median of ${rounds} per engine, engines alternating`);
  if (rounds < 5 || chunkSeconds < 2)
    console.log('  (fewer than 5 chunks of 2 s: not the steady-state protocol)');

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
    const samples = new Map<string, Samples>();
    const add = (key: string, train: number | null, infer: number) => {
      const s = samples.get(key) ?? { train: [], infer: [] };
      if (train !== null) s.train.push(train);
      s.infer.push(infer);
      samples.set(key, s);
    };
    let macs = 0;
    let reference: TorchReference | null = null;
    if (torch) {
      reference = await startTorch(torch.python, id, BATCH, threads, WARMUP_STEPS);
      if (id === models[0]) console.log(`PyTorch's ATen kernels dispatch to ${reference.capability}`);
    }
    try {
      for (let round = 0; round < rounds; round++) {
        for (const backend of backends) {
          if (backend === 'cpu' && round > 0) continue;
          await useBackend(backend);
          const m = buildBenchModel(id, BATCH);
          try {
            // Kernel setup and XNNPACK operator caches; the slow engines get one step only.
            const warm = backend === 'wasm' ? 2 : 1;
            for (let i = 0; i < warm; i++) m.trainStep();
            for (let i = 0; i < warm; i++) m.inferStep();
            macs = m.macsPerImage;
            const seconds = backend === 'cpu' ? 0 : chunkSeconds;
            add(backend, timedChunk(m.trainStep, BATCH, seconds), timedChunk(m.inferStep, BATCH, seconds));
          } finally {
            m.dispose();
          }
        }
        if (reference) {
          const train = await reference.chunk('train', chunkSeconds);
          const infer = await reference.chunk('infer', chunkSeconds);
          add('torch', train.imgPerSec, infer.imgPerSec);
        }
        process.stdout.write(`  ${id}: round ${round + 1}/${rounds} done\n`);
      }
    } finally {
      reference?.close();
    }
    const peak = measurePeak(rt);
    const ctx = { batch: BATCH, macs, peak, torch: samples.get('torch'), chunkSeconds };
    const modelRows = [...samples].map(([backend, s]) => rowOf(id, backend, s, ctx));
    rows.push(...modelRows);
    const gf = (r: BenchRow) =>
      `${r.backend} train ${r.trainGflops?.toFixed(1) ?? '—'} / infer ${r.inferGflops.toFixed(1)}`;
    console.log(
      `  ${id} GFLOP/s: ${modelRows.map(gf).join(', ')}; wasm SIMD peak now ${peak.toFixed(1)} on ${threads} threads`,
    );
  }
  console.log(formatTable(rows));
  if (jsonPath) {
    writeFileSync(jsonPath, JSON.stringify(rows, null, 2) + '\n');
    console.log(`wrote ${jsonPath}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
