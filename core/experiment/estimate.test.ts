import { describe, expect, it } from 'vitest';
import { summarize } from '../graph/summary';
import { estimateExperiment, experimentWork, formatDuration } from './estimate';
import { planExperiment } from './plan';

describe('experimentWork', () => {
  it('counts forward MACs of training images (and validation at a third) over epochs, seeds and nets', () => {
    const members = planExperiment({
      depths: [20],
      dataset: 'shapes',
      preset: 'quick',
      seeds: [1, 2],
      epochs: 2,
    });
    const macs = (residual: boolean) =>
      summarize(members.find((m) => m.residual === residual)?.document ?? members[0]!.document).totalMacs;
    // limit 2,000 with 10% validation: 1,800 training and 200 validation images an epoch.
    const perSeed = (residual: boolean) => 2 * macs(residual) * (1800 + 200 / 3);
    expect(experimentWork(members)).toBeCloseTo(2 * perSeed(false) + 2 * perSeed(true), -3);
  });

  it('is unknown when neither the dataset size nor a limit is known', () => {
    const members = planExperiment({ depths: [20], dataset: 'folder:/x', preset: 'paper', seeds: [1] });
    expect(experimentWork(members)).toBeNull();
  });
});

describe('estimateExperiment', () => {
  it('divides the work by the measured MAC rate and says so', () => {
    const members = planExperiment({ depths: [20, 56], dataset: 'fashion-mnist', preset: 'quick' });
    const work = experimentWork(members) ?? 0;
    const estimate = estimateExperiment(members, {
      macsPerSec: work / 250,
      imgPerSec: 812.4,
      backend: 'tensorflow',
      probe: 'plain-56',
      setupSec: 5,
    });
    // 250 s of training steps plus 5 s of set-up for each of the 12 runs.
    expect(estimate?.seconds).toBeCloseTo(310, 6);
    expect(estimate?.runs).toBe(12);
    expect(estimate?.text).toBe(
      '≈ 5 min 10 s on tensorflow (plain-56 measured at 812 img/s and 5 s set-up a run; 12 runs)',
    );
  });

  it('formats durations from seconds to hours', () => {
    expect([
      formatDuration(0.2),
      formatDuration(59),
      formatDuration(61),
      formatDuration(3 * 3600 + 125),
    ]).toEqual(['1 s', '59 s', '1 min 1 s', '3 h 2 min']);
  });
});
