import type { NetResult, SeedStats } from './aggregate';
import { TRAIN_ERROR_KIND } from './curves';

/**
 * What a degradation experiment showed, in words computed from its numbers
 * (never canned): the deepest vs shallowest plain net, the same for the
 * residual nets, and plain vs residual at the deepest depth. Errors are seed
 * means; a difference whose seeds' min–max ranges overlap is called "within
 * the seed band" rather than a result.
 */

/** Single-seed differences smaller than this (half a percentage point) count as a tie. */
export const TIE_MARGIN = 0.005;

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

type Finished = NetResult & { trainErr: SeedStats };

/** `23.1% ± 0.5` with several seeds, `23.1%` with one. */
function stat(s: SeedStats): string {
  return s.values.length > 1 ? `${pct(s.mean)} ± ${(s.std * 100).toFixed(1)}` : pct(s.mean);
}

export type Comparison = 'higher' | 'lower' | 'band' | 'tie';

/**
 * How `a`'s mean compares with `b`'s: 'band' when both have several seeds
 * and their min–max ranges overlap, 'tie' when single seeds differ by under
 * TIE_MARGIN, else higher or lower.
 */
export function compareStats(a: SeedStats, b: SeedStats): Comparison {
  const gap = a.mean - b.mean;
  if (a.values.length > 1 && b.values.length > 1) {
    if (a.min <= b.max && b.min <= a.max) return 'band';
  } else if (Math.abs(gap) <= TIE_MARGIN) return 'tie';
  return gap > 0 ? 'higher' : 'lower';
}

function seedNote(nets: Finished[]): string {
  const counts = [...new Set(nets.map((n) => n.trainErr.values.length))];
  return counts.length === 1 && counts[0] === 1
    ? ''
    : ` Errors are means ± std (percentage points) over ${counts.join('/')} seeds.`;
}

function bandClause(a: Finished, b: Finished): string {
  const gap = Math.abs(a.trainErr.mean - b.trainErr.mean) * 100;
  return (
    `${a.label} and ${b.label} differ by ${gap.toFixed(1)} points in mean training error ` +
    `(${stat(a.trainErr)} vs ${stat(b.trainErr)}), within the seed band (their seeds' min–max ranges overlap)`
  );
}

function valClause(deep: Finished, shallow: Finished): string {
  if (!deep.valErr || !shallow.valErr) return '';
  const cmp = compareStats(deep.valErr, shallow.valErr);
  const numbers = `(${stat(deep.valErr)} vs ${stat(shallow.valErr)})`;
  if (cmp === 'higher') return ` Its validation error is higher too ${numbers}.`;
  if (cmp === 'band') return ` Its validation error is within the seed band ${numbers}.`;
  return ` Its validation error is not higher ${numbers}.`;
}

function plainSentence(shallow: Finished, deep: Finished): string {
  const cmp = compareStats(deep.trainErr, shallow.trainErr);
  const numbers = `(${stat(deep.trainErr)}) than ${shallow.label} (${stat(shallow.trainErr)})`;
  if (cmp === 'higher') {
    return (
      `${deep.label} ends with higher training error ${numbers}: degradation, not overfitting — ` +
      `the deeper plain net fits its own training data worse.${valClause(deep, shallow)}`
    );
  }
  if (cmp === 'lower')
    return `No degradation visible at this budget: ${deep.label} ends with lower training error ${numbers}.`;
  if (cmp === 'band') return `No degradation shown at this budget: ${bandClause(deep, shallow)}.`;
  return (
    `No degradation visible at this budget: ${deep.label} and ${shallow.label} end with about the same ` +
    `training error (${stat(deep.trainErr)} vs ${stat(shallow.trainErr)}).`
  );
}

function residualSentence(shallow: Finished, deep: Finished): string {
  const cmp = compareStats(deep.trainErr, shallow.trainErr);
  const numbers = `(${stat(deep.trainErr)}) than ${shallow.label} (${stat(shallow.trainErr)})`;
  if (cmp === 'lower')
    return `${deep.label} reaches lower training error ${numbers}: with shortcuts, depth helps.`;
  if (cmp === 'higher') {
    return `${deep.label} ends with higher training error ${numbers}: at this budget even the residual net does not profit from depth.`;
  }
  if (cmp === 'band') return `${bandClause(deep, shallow)}: with shortcuts, the deeper net is not worse.`;
  return `${deep.label} and ${shallow.label} end with about the same training error (${stat(deep.trainErr)} vs ${stat(shallow.trainErr)}).`;
}

function sameDepthSentence(plain: Finished, residual: Finished): string {
  const cmp = compareStats(plain.trainErr, residual.trainErr);
  const gap = Math.abs(plain.trainErr.mean - residual.trainErr.mean) * 100;
  const numbers = `(${stat(residual.trainErr)} vs ${stat(plain.trainErr)})`;
  if (cmp === 'higher') {
    return `At depth ${plain.depth} the shortcuts lower training error by ${gap.toFixed(1)} points ${numbers}.`;
  }
  if (cmp === 'lower') {
    return `At depth ${plain.depth} the plain net ends lower than the residual one (${stat(plain.trainErr)} vs ${stat(residual.trainErr)}).`;
  }
  if (cmp === 'band') return `At depth ${plain.depth} ${bandClause(plain, residual)}.`;
  return `At depth ${plain.depth} plain and residual end about level (${stat(plain.trainErr)} vs ${stat(residual.trainErr)}).`;
}

function finished(nets: readonly NetResult[], residual: boolean): Finished[] {
  return nets
    .filter((n): n is Finished => n.residual === residual && n.trainErr !== null)
    .sort((a, b) => a.depth - b.depth);
}

export function summarizeExperiment(nets: readonly NetResult[]): string {
  const plain = finished(nets, false);
  const residual = finished(nets, true);
  if (plain.length + residual.length === 0) return 'No run has finished an epoch yet.';
  const sentences: string[] = [];
  const ends = (list: Finished[]) => [list[0], list[list.length - 1]] as const;
  const [plainShallow, plainDeep] = ends(plain);
  if (plainShallow && plainDeep && plainDeep.depth > plainShallow.depth) {
    sentences.push(plainSentence(plainShallow, plainDeep));
  }
  const [resShallow, resDeep] = ends(residual);
  if (resShallow && resDeep && resDeep.depth > resShallow.depth) {
    sentences.push(residualSentence(resShallow, resDeep));
  }
  const deepestShared = plain
    .map((p) => ({ p, r: residual.find((r) => r.depth === p.depth) }))
    .filter((pair): pair is { p: Finished; r: Finished } => pair.r !== undefined)
    .pop();
  if (deepestShared) sentences.push(sameDepthSentence(deepestShared.p, deepestShared.r));
  if (sentences.length === 0) {
    return 'Not enough finished runs to compare depths yet: the text needs two depths of one kind or both kinds at one depth.';
  }
  return `${sentences.join(' ')}${seedNote([...plain, ...residual])} Training error: ${TRAIN_ERROR_KIND}.`;
}

/** The depth plot's data: mean final training error per depth, one line for plain and one for residual nets. */
export function errorByDepth(nets: readonly NetResult[]): {
  depths: number[];
  plain: (number | null)[];
  residual: (number | null)[];
} {
  const depths = [...new Set(nets.map((r) => r.depth))].sort((a, b) => a - b);
  const at = (depth: number, res: boolean) =>
    nets.find((r) => r.depth === depth && r.residual === res)?.trainErr?.mean ?? null;
  return { depths, plain: depths.map((d) => at(d, false)), residual: depths.map((d) => at(d, true)) };
}
