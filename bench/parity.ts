/**
 * `npm run parity`: Deepwire against PyTorch from the same initial weights
 * and batches. By default the step-1 forward/gradient check for every CI
 * template on a small synthetic batch; `--recipe` runs the quick degradation
 * preset on Fashion-MNIST (loss after 10 and 100 steps, `--full` adds the
 * whole 3-epoch recipe's errors).
 *
 *   npm run parity [-- --backend wasm|cpu] [--json] [--recipe [--full] [--seeds 1,2,3] [--nets plain-20,resnet-56]]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../main/engine/backends';
import { findTorchPython } from '../main/engine/export/pytorch';
import { recipeCases, stepOneCases } from '../main/engine/parity/cases';
import { formatTable, type ParityRow } from '../main/engine/parity/compare';
import { runParity, type ParityCase } from '../main/engine/parity/run';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

async function main(): Promise<void> {
  const backend = option('backend') === 'cpu' ? 'cpu' : 'wasm';
  const report = await initBackend({ force: backend });
  const label = report.attempts.at(-1)?.reason.startsWith('WebAssembly with Deepwire SIMD')
    ? 'wasm+simd'
    : backend;
  const found = await findTorchPython();
  if ('reason' in found) throw new Error(found.reason);
  const seeds = (option('seeds') ?? '1').split(',').map(Number);
  const nets = option('nets')?.split(',');
  const cases: ParityCase[] = flag('recipe')
    ? seeds.flatMap((seed) =>
        recipeCases({
          seed,
          dataset: option('dataset') ?? 'fashion-mnist',
          reportSteps: [1, 10, 100],
          full: flag('full'),
          ...(nets ? { nets } : {}),
        }),
      )
    : stepOneCases(nets, Number(option('batch') ?? 4));
  const workDir = await mkdtemp(join(tmpdir(), 'deepwire-parity-'));
  const log = flag('json') ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  let rows: ParityRow[];
  try {
    rows = await runParity(cases, {
      python: found.python,
      workDir,
      backend: label,
      threads: 2,
      timeoutMs: 3_600_000,
      ...(log ? { log } : {}),
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  if (flag('json')) console.log(JSON.stringify(rows, null, 1));
  else console.log(formatTable(rows));
  if (rows.some((r) => !r.stepOne.pass)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
