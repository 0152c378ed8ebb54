import { describe, expect, it } from 'vitest';
import { seedStats, type NetResult } from './aggregate';
import { compareStats, errorByDepth, summarizeExperiment } from './summary';

/** A net with one training (and optional validation) error per seed. */
const net = (depth: number, residual: boolean, train: (number | null)[], val: number[] = []): NetResult => ({
  label: `${residual ? 'resnet' : 'plain'}-${depth}`,
  depth,
  residual,
  seeds: train.map((_, i) => i + 1),
  trainErr: seedStats(train),
  valErr: seedStats(val),
});

describe('compareStats', () => {
  it.each([
    // a's seeds, b's seeds, verdict
    [[0.3, 0.31, 0.32], [0.2, 0.21, 0.22], 'higher'],
    [[0.2, 0.21, 0.22], [0.3, 0.31, 0.32], 'lower'],
    [[0.2, 0.25, 0.3], [0.28, 0.29, 0.4], 'band'],
    [[0.3], [0.303], 'tie'],
    [[0.3], [0.2], 'higher'],
  ] as const)('%j vs %j is %s', (a, b, verdict) => {
    const sa = seedStats([...a]);
    const sb = seedStats([...b]);
    if (!sa || !sb) throw new Error('expected stats');
    expect(compareStats(sa, sb)).toBe(verdict);
  });
});

describe('summarizeExperiment', () => {
  it('names degradation and its cure with means ± std when the seed bands are apart', () => {
    const text = summarizeExperiment([
      net(20, false, [0.18, 0.184, 0.188], [0.2, 0.2, 0.2]),
      net(56, false, [0.23, 0.231, 0.232], [0.26, 0.26, 0.26]),
      net(20, true, [0.17, 0.17, 0.17]),
      net(56, true, [0.1, 0.11, 0.12]),
    ]);
    expect(text).toContain(
      'plain-56 ends with higher training error (23.1% ± 0.1) than plain-20 (18.4% ± 0.4)',
    );
    expect(text).toContain('degradation, not overfitting');
    expect(text).toContain('validation error is higher too (26.0% ± 0.0 vs 20.0% ± 0.0)');
    expect(text).toContain(
      'resnet-56 reaches lower training error (11.0% ± 1.0) than resnet-20 (17.0% ± 0.0)',
    );
    expect(text).toContain('At depth 56 the shortcuts lower training error by 12.1 points');
    expect(text).toContain('over 3 seeds');
  });

  it('says a difference is within the seed band when the seeds overlap, not degradation', () => {
    const text = summarizeExperiment([net(20, false, [0.2, 0.25, 0.3]), net(56, false, [0.28, 0.29, 0.4])]);
    expect(text).toBe(
      'No degradation shown at this budget: plain-56 and plain-20 differ by 7.3 points in mean training error ' +
        "(32.3% ± 6.7 vs 25.0% ± 5.0), within the seed band (their seeds' min–max ranges overlap). " +
        'Errors are means ± std (percentage points) over 3 seeds. ' +
        'Training error: running mean over the epoch, training mode.',
    );
  });

  it('says a deeper residual net within the band of the shallower one is not worse', () => {
    const text = summarizeExperiment([net(20, true, [0.1, 0.12, 0.14]), net(56, true, [0.11, 0.13, 0.15])]);
    expect(text).toContain('within the seed band');
    expect(text).toContain('with shortcuts, the deeper net is not worse');
  });

  it('says honestly when no degradation is visible with single seeds', () => {
    const text = summarizeExperiment([net(20, false, [0.3]), net(56, false, [0.25])]);
    expect(text).toMatch(
      /^No degradation visible at this budget: plain-56 ends with lower training error \(25\.0%\)/,
    );
    expect(text).not.toContain('seeds');
  });

  it('treats single-seed differences under half a point as a tie', () => {
    const text = summarizeExperiment([net(20, false, [0.3]), net(56, false, [0.303])]);
    expect(text).toContain('about the same training error (30.3% vs 30.0%)');
  });

  it('ignores unfinished nets and says when nothing can be compared', () => {
    expect(summarizeExperiment([])).toBe('No run has finished an epoch yet.');
    expect(summarizeExperiment([net(20, false, [0.3]), net(56, false, [null])])).toMatch(
      /^Not enough finished runs/,
    );
  });

  it('uses the shallowest and deepest of each kind when more depths ran', () => {
    const text = summarizeExperiment([net(20, false, [0.1]), net(32, false, [0.5]), net(44, false, [0.2])]);
    expect(text).toContain('plain-44 ends with higher training error (20.0%) than plain-20 (10.0%)');
  });
});

describe('errorByDepth', () => {
  it('lines up plain and residual mean errors by sorted depth, null where a net is missing', () => {
    expect(errorByDepth([net(56, false, [0.3, 0.5]), net(20, false, [0.2]), net(20, true, [0.1])])).toEqual({
      depths: [20, 56],
      plain: [0.2, 0.4],
      residual: [0.1, null],
    });
  });
});
