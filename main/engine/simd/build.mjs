// Builds Deepwire's wasm SIMD kernels from csrc/ with clang (clang ≥ 16 for relaxed SIMD;
// apt: clang-19 lld-19).
// The .wasm outputs are committed, so users never need a compiler; run this
// (`npm run build:kernels`) only after editing the C sources.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const csrc = path.join(here, 'csrc');
const sources = readdirSync(csrc)
  .filter((f) => f.endsWith('.c'))
  .sort()
  .map((f) => path.join(csrc, f));

const common = [
  '--target=wasm32',
  '-O3',
  '-msimd128',
  '-mbulk-memory',
  '-mmutable-globals',
  '-ffast-math',
  '-fno-builtin',
  '-nostdlib',
  '-Wall',
  '-Wextra',
  '-Wl,--no-entry',
  '-Wl,--export=__stack_pointer',
  '-Wl,--export=__heap_base',
  '-Wl,--import-memory',
];

// Threaded: one shared memory for the main thread and every worker. Up to 2 GiB.
const threading = [
  { name: 'mt', flags: ['-matomics', '-Wl,--shared-memory', '-Wl,--max-memory=2147483648'] },
  { name: 'st', flags: ['-Wl,--max-memory=2147483648'] },
];
// Relaxed SIMD gives the fused multiply-add (MADD in common.h); runtime.ts
// falls back to the plain build where the engine rejects it.
const simd = [
  { suffix: '', flags: [] },
  { suffix: '-relaxed', flags: ['-mrelaxed-simd'] },
];

/** clang ≥ 16 emits the final relaxed-SIMD opcodes; Debian 12's default clang 14 does not. */
function findClang() {
  for (const candidate of ['clang-19', 'clang-18', 'clang-17', 'clang-16', 'clang']) {
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' });
      const major = Number(/clang version (\d+)/.exec(version)?.[1] ?? 0);
      if (major >= 16) return candidate;
    } catch {
      // not installed; try the next
    }
  }
  throw new Error('build:kernels needs clang ≥ 16 with wasm-ld (apt-get install clang-19 lld-19)');
}

const clang = findClang();
for (const t of threading)
  for (const s of simd) {
    const out = path.join(here, `kernels-${t.name}${s.suffix}.wasm`);
    execFileSync(clang, [...common, ...t.flags, ...s.flags, '-o', out, ...sources], { stdio: 'inherit' });
    console.log(`built ${path.relative(process.cwd(), out)}`);
  }

// In-place kernels on tfjs's own memory: no stack, no static data (heap-kernels.test.ts checks).
const heapSources = readdirSync(path.join(here, 'heap'))
  .filter((f) => f.endsWith('.c'))
  .sort()
  .map((f) => path.join(here, 'heap', f));
const heapOut = path.join(here, 'heap-kernels.wasm');
execFileSync(
  clang,
  [
    '--target=wasm32',
    '-O3',
    '-msimd128',
    '-nostdlib',
    '-fno-builtin',
    '-Wall',
    '-Wextra',
    '-Wl,--no-entry',
    '-Wl,--import-memory',
    '-o',
    heapOut,
    ...heapSources,
  ],
  { stdio: 'inherit' },
);
console.log(`built ${path.relative(process.cwd(), heapOut)}`);
