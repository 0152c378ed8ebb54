// Builds Deepwire's wasm SIMD kernels from csrc/ with clang (apt: clang lld).
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
const variants = [
  {
    out: 'kernels-mt.wasm',
    flags: ['-matomics', '-Wl,--shared-memory', '-Wl,--max-memory=2147483648'],
  },
  { out: 'kernels-st.wasm', flags: ['-Wl,--max-memory=2147483648'] },
];

for (const v of variants) {
  const out = path.join(here, v.out);
  execFileSync('clang', [...common, ...v.flags, '-o', out, ...sources], { stdio: 'inherit' });
  console.log(`built ${path.relative(process.cwd(), out)}`);
}
