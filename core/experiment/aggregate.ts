/**
 * Seed statistics of an experiment: each net trains once per seed, and what
 * tables, charts and the summary show is the mean with its spread, never a
 * single lucky (or unlucky) run.
 */

export type SeedStats = {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  std: number;
  min: number;
  max: number;
  /** One value per finished seed, in seed order. */
  values: number[];
};

/** Null when no value is finite (no seed has finished an epoch). */
export function seedStats(values: readonly (number | null)[]): SeedStats | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return null;
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const variance =
    finite.length > 1 ? finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (finite.length - 1) : 0;
  return {
    mean,
    std: Math.sqrt(variance),
    min: Math.min(...finite),
    max: Math.max(...finite),
    values: finite,
  };
}

/** One finished (or partial) run of one net with one seed. */
export type SeedRun = {
  label: string;
  depth: number;
  residual: boolean;
  seed: number;
  trainError: number | null;
  valError: number | null;
};

/** One net-and-seed run of an experiment as listed: its run folder once started, and where it stands. */
export type MemberRun = {
  label: string;
  depth: number;
  residual: boolean;
  seed: number;
  runId: string | null;
  status: string;
};

export type NetResult = {
  label: string;
  depth: number;
  residual: boolean;
  seeds: number[];
  trainErr: SeedStats | null;
  valErr: SeedStats | null;
};

/** Groups seed runs by net label, keeping the first-seen order of nets and sorting each net's runs by seed. */
export function aggregateNets(runs: readonly SeedRun[]): NetResult[] {
  const groups = new Map<string, SeedRun[]>();
  for (const run of runs) groups.set(run.label, [...(groups.get(run.label) ?? []), run]);
  return [...groups.values()].map((group) => {
    const sorted = [...group].sort((a, b) => a.seed - b.seed);
    const first = sorted[0] as SeedRun;
    return {
      label: first.label,
      depth: first.depth,
      residual: first.residual,
      seeds: sorted.map((r) => r.seed),
      trainErr: seedStats(sorted.map((r) => r.trainError)),
      valErr: seedStats(sorted.map((r) => r.valError)),
    };
  });
}

/** A curve over epochs: mean, min and max across the seeds that reached each epoch (null where none did). */
export type BandCurve = {
  x: number[];
  mean: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
};

export function bandOf(
  curves: readonly { x: readonly number[]; y: readonly (number | null)[] }[],
): BandCurve {
  const x = [...new Set(curves.flatMap((c) => c.x))].sort((a, b) => a - b);
  const at = x.map((value) =>
    seedStats(
      curves.map((c) => {
        const i = c.x.indexOf(value);
        return i < 0 ? null : (c.y[i] ?? null);
      }),
    ),
  );
  return {
    x,
    mean: at.map((s) => s?.mean ?? null),
    min: at.map((s) => s?.min ?? null),
    max: at.map((s) => s?.max ?? null),
  };
}

/** `12.3% ± 0.4` (percentage points), or `12.3%` for a single seed. */
export function formatStats(stats: SeedStats | null): string {
  if (!stats) return '—';
  const mean = `${(stats.mean * 100).toFixed(1)}%`;
  return stats.values.length > 1 ? `${mean} ± ${(stats.std * 100).toFixed(1)}` : mean;
}
