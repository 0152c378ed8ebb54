/** One measured row of `npm run bench:train`, as printed and as written by `--json`. */
export type BenchRow = {
  model: string;
  /** A Deepwire backend, `onnxruntime` (inference only) or the `torch` reference. */
  backend: string;
  batch: number;
  /** Median over the alternating chunks; null where the engine does not train (onnxruntime). */
  trainImgPerSec: number | null;
  trainMin: number | null;
  trainMax: number | null;
  inferImgPerSec: number;
  inferMin: number;
  inferMax: number;
  trainGflops: number | null;
  inferGflops: number;
  /** Achieved training GFLOP/s over the measured wasm SIMD peak of all cores. */
  fractionOfPeak: number | null;
  ratioToTorch: number | null;
  inferRatioToTorch: number | null;
  /** Chunks behind the medians, each at least `chunkSeconds` long. */
  chunks: number;
  chunkSeconds: number;
};

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export type Samples = { train: number[]; infer: number[] };

/**
 * The row of one engine from its chunk samples: GFLOP/s from core's MAC count
 * (inference 2·MACs per image, training 3× that), ratios against torch's medians.
 */
export function rowOf(
  model: string,
  backend: string,
  s: Samples,
  ctx: { batch: number; macs: number; peak: number; torch: Samples | undefined; chunkSeconds: number },
): BenchRow {
  const train = s.train.length ? median(s.train) : null;
  const infer = median(s.infer);
  const trainGflops = train === null ? null : (train * 6 * ctx.macs) / 1e9;
  const torchTrain = ctx.torch?.train.length ? median(ctx.torch.train) : null;
  const torchInfer = ctx.torch?.infer.length ? median(ctx.torch.infer) : null;
  return {
    model,
    backend,
    batch: ctx.batch,
    trainImgPerSec: train,
    trainMin: train === null ? null : Math.min(...s.train),
    trainMax: train === null ? null : Math.max(...s.train),
    inferImgPerSec: infer,
    inferMin: Math.min(...s.infer),
    inferMax: Math.max(...s.infer),
    trainGflops,
    inferGflops: (infer * 2 * ctx.macs) / 1e9,
    fractionOfPeak: trainGflops === null ? null : trainGflops / ctx.peak,
    ratioToTorch: train !== null && torchTrain ? train / torchTrain : null,
    inferRatioToTorch: torchInfer ? infer / torchInfer : null,
    chunks: s.infer.length,
    chunkSeconds: ctx.chunkSeconds,
  };
}

export function formatTable(rows: BenchRow[]): string {
  const head = [
    'model',
    'backend',
    'train img/s (min–max)',
    'infer img/s (min–max)',
    'train GF/s',
    'infer GF/s',
    'of peak',
    '÷ torch train',
    '÷ torch infer',
  ];
  const f = (n: number | null, d = 1) => (n === null ? '—' : n.toFixed(d));
  const range = (v: number | null, lo: number | null, hi: number | null) =>
    v === null ? '—' : `${f(v)} (${f(lo)}–${f(hi)})`;
  const body = rows.map((r) => [
    r.model,
    r.backend,
    range(r.trainImgPerSec, r.trainMin, r.trainMax),
    range(r.inferImgPerSec, r.inferMin, r.inferMax),
    f(r.trainGflops),
    f(r.inferGflops),
    r.fractionOfPeak === null ? '—' : `${f(100 * r.fractionOfPeak, 0)}%`,
    r.ratioToTorch === null ? '—' : `${f(r.ratioToTorch, 2)}×`,
    r.inferRatioToTorch === null ? '—' : `${f(r.inferRatioToTorch, 2)}×`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join(
    '\n',
  );
}
