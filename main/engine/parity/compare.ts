import type { EpochErrors, StepOne } from './deepwire';
import type { TorchEpoch, TorchResult } from './torch';

/** Step-1 forward values (loss, logits) must agree to this relative error. */
export const FORWARD_TOLERANCE = 1e-4;
/** Every layer's step-1 gradient must agree to this relative error (L2 norm of the difference over the reference's). */
export const GRADIENT_TOLERANCE = 1e-3;

export interface StepOneParity {
  lossRel: number;
  /** max |Δlogit| / max |logit|. */
  logitsRel: number;
  /** The gradient furthest from PyTorch's, by relative L2 error. */
  worstGrad: { key: string; rel: number; torchRel: number };
  /** Keys present on one side only (a mapping bug; fails the check). */
  unmatched: string[];
  pass: boolean;
}

export interface ParityRow {
  name: string;
  backend: string;
  stepOne: StepOneParity;
  /** Loss after step k (1-based), Deepwire and PyTorch, for each k reported. */
  losses: { step: number; deepwire: number; torch: number }[];
  epochs?: { deepwire: EpochErrors; torch: TorchEpoch }[];
  /** The recipe as plain PyTorch trains it (own init, shuffle, decay on every parameter), per epoch. */
  reference?: TorchEpoch[];
}

function relL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    diff += d * d;
    ref += (b[i] ?? 0) ** 2;
  }
  if (Number.isNaN(diff)) return Number.POSITIVE_INFINITY;
  return Math.sqrt(diff) / Math.max(Math.sqrt(ref), 1e-12);
}

function relMax(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] ?? 0) - (b[i] ?? 0));
    if (!(d <= diff)) diff = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
    ref = Math.max(ref, Math.abs(b[i] ?? 0));
  }
  return diff / Math.max(ref, 1e-12);
}

export function compareStepOne(deepwire: StepOne, torch: TorchResult): StepOneParity {
  const lossRel = Math.abs(deepwire.loss - torch.loss1) / Math.max(Math.abs(torch.loss1), 1e-12);
  const logitsRel = relMax(deepwire.logits, torch.logits1);
  let worstGrad = { key: '', rel: 0, torchRel: 0 };
  const unmatched: string[] = [];
  const failing: { key: string; rel: number; torchRel: number }[] = [];
  for (const [key, grad] of torch.grads64) {
    const mine = deepwire.grads.get(key);
    if (!mine) {
      unmatched.push(key);
      continue;
    }
    const rel = relL2(mine.values, grad.values);
    const torchRel = relL2(torch.grads.get(key)?.values ?? [], grad.values);
    if (!(rel <= worstGrad.rel)) worstGrad = { key, rel, torchRel };
    if (!(rel <= GRADIENT_TOLERANCE)) failing.push({ key, rel, torchRel });
  }
  if (process.env.PARITY_DEBUG) console.error(JSON.stringify(failing));
  for (const key of deepwire.grads.keys()) {
    if (!torch.grads.has(key) && !/running_(mean|var)$/.test(key)) unmatched.push(key);
  }
  const pass =
    lossRel <= FORWARD_TOLERANCE &&
    logitsRel <= FORWARD_TOLERANCE &&
    worstGrad.rel <= GRADIENT_TOLERANCE &&
    unmatched.length === 0;
  return { lossRel, logitsRel, worstGrad, unmatched, pass };
}

const pct = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(1)}%`;
const sci = (x: number) => (Number.isFinite(x) ? x.toExponential(1) : String(x));
const loss = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3));

/** A Markdown table: step-1 parity, the loss after the reported steps, and the last epoch's errors. */
export function formatTable(rows: readonly ParityRow[]): string {
  const steps = [...new Set(rows.flatMap((r) => r.losses.map((l) => l.step)))].sort((a, b) => a - b);
  const withEpochs = rows.some((r) => r.epochs && r.epochs.length > 0);
  const head = [
    'net',
    'backend',
    'loss₁ rel',
    'logits₁ rel',
    'worst grad₁ rel (layer)',
    ...steps.map((s) => `loss@${s} DW / PT`),
    ...(withEpochs
      ? ['running train err DW / PT / PT ref', 'eval train err DW / PT', 'val err DW / PT / PT ref']
      : []),
    'step 1',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const s = r.stepOne;
    const cells = [
      r.name,
      r.backend,
      sci(s.lossRel),
      sci(s.logitsRel),
      `${sci(s.worstGrad.rel)} (${s.worstGrad.key})`,
      ...steps.map((step) => {
        const l = r.losses.find((x) => x.step === step);
        return l ? `${loss(l.deepwire)} / ${loss(l.torch)}` : '–';
      }),
    ];
    if (withEpochs) {
      const last = r.epochs?.[r.epochs.length - 1];
      const ref = r.reference?.[r.reference.length - 1];
      cells.push(
        `${pct(last?.deepwire.runningError)} / ${pct(last?.torch.runningError)} / ${pct(ref?.runningError)}`,
        `${pct(last?.deepwire.trainError)} / ${pct(last?.torch.train.error)}`,
        `${pct(last?.deepwire.valError)} / ${pct(last?.torch.val.error)} / ${pct(ref?.val.error)}`,
      );
    }
    cells.push(s.pass ? 'pass' : `FAIL${s.unmatched.length ? ` (unmatched ${s.unmatched.join(', ')})` : ''}`);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
