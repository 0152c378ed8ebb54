/**
 * What a degradation experiment showed, in words computed from its numbers
 * (never canned): the deepest vs shallowest plain net, the same for the
 * residual nets, and plain vs residual at the deepest depth.
 */

export type MemberResult = {
  label: string;
  depth: number;
  residual: boolean;
  /** Final training and validation error in [0, 1]; null when the run has none. */
  trainError: number | null;
  valError: number | null;
};

/** Differences smaller than this (in error, i.e. half a percentage point) count as a tie. */
export const TIE_MARGIN = 0.005;

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

type Finished = MemberResult & { trainError: number };

function finished(results: readonly MemberResult[], residual: boolean): Finished[] {
  return results
    .filter((r): r is Finished => r.residual === residual && r.trainError !== null)
    .sort((a, b) => a.depth - b.depth);
}

function plainSentence(shallow: Finished, deep: Finished): string {
  const gap = deep.trainError - shallow.trainError;
  if (gap > TIE_MARGIN) {
    const val =
      deep.valError !== null && shallow.valError !== null
        ? deep.valError > shallow.valError + TIE_MARGIN
          ? ` Its validation error is higher too (${pct(deep.valError)} vs ${pct(shallow.valError)}).`
          : ` Its validation error is not higher (${pct(deep.valError)} vs ${pct(shallow.valError)}).`
        : '';
    return (
      `${deep.label} ends with higher training error (${pct(deep.trainError)}) than ${shallow.label} ` +
      `(${pct(shallow.trainError)}): degradation, not overfitting — the deeper plain net fits its own training data worse.${val}`
    );
  }
  if (gap < -TIE_MARGIN) {
    return (
      `No degradation visible at this budget: ${deep.label} ends with lower training error ` +
      `(${pct(deep.trainError)}) than ${shallow.label} (${pct(shallow.trainError)}).`
    );
  }
  return (
    `No degradation visible at this budget: ${deep.label} and ${shallow.label} end with about the same ` +
    `training error (${pct(deep.trainError)} vs ${pct(shallow.trainError)}).`
  );
}

function residualSentence(shallow: Finished, deep: Finished): string {
  const gap = deep.trainError - shallow.trainError;
  if (gap < -TIE_MARGIN) {
    return `${deep.label} reaches lower training error (${pct(deep.trainError)}) than ${shallow.label} (${pct(shallow.trainError)}): with shortcuts, depth helps.`;
  }
  if (gap > TIE_MARGIN) {
    return `${deep.label} ends with higher training error (${pct(deep.trainError)}) than ${shallow.label} (${pct(shallow.trainError)}): at this budget even the residual net does not profit from depth.`;
  }
  return `${deep.label} and ${shallow.label} end with about the same training error (${pct(deep.trainError)} vs ${pct(shallow.trainError)}).`;
}

function sameDepthSentence(plain: Finished, residual: Finished): string {
  const gap = plain.trainError - residual.trainError;
  if (gap > TIE_MARGIN) {
    return `At depth ${plain.depth} the shortcuts lower training error by ${(gap * 100).toFixed(1)} points (${pct(residual.trainError)} vs ${pct(plain.trainError)}).`;
  }
  if (gap < -TIE_MARGIN) {
    return `At depth ${plain.depth} the plain net ends lower than the residual one (${pct(plain.trainError)} vs ${pct(residual.trainError)}).`;
  }
  return `At depth ${plain.depth} plain and residual end about level (${pct(plain.trainError)} vs ${pct(residual.trainError)}).`;
}

export function summarizeExperiment(results: readonly MemberResult[]): string {
  const plain = finished(results, false);
  const residual = finished(results, true);
  if (plain.length + residual.length === 0) return 'No run has finished an epoch yet.';
  const sentences: string[] = [];
  const first = (list: Finished[]) => list[0];
  const last = (list: Finished[]) => list[list.length - 1];
  const [plainShallow, plainDeep] = [first(plain), last(plain)];
  if (plainShallow && plainDeep && plainDeep.depth > plainShallow.depth) {
    sentences.push(plainSentence(plainShallow, plainDeep));
  }
  const [resShallow, resDeep] = [first(residual), last(residual)];
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
  return sentences.join(' ');
}

/** The depth plot's data: final training error per depth, one line for plain and one for residual nets. */
export function errorByDepth(results: readonly MemberResult[]): {
  depths: number[];
  plain: (number | null)[];
  residual: (number | null)[];
} {
  const depths = [...new Set(results.map((r) => r.depth))].sort((a, b) => a - b);
  const at = (depth: number, res: boolean) =>
    results.find((r) => r.depth === depth && r.residual === res)?.trainError ?? null;
  return { depths, plain: depths.map((d) => at(d, false)), residual: depths.map((d) => at(d, true)) };
}
