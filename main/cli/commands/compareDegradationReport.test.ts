import { describe, expect, it } from 'vitest';
import { curvesFromEvents } from '../../../core/experiment/curves';
import type { TrainingEvent } from '../../../core/training/events';
import { bandFigure } from '../../../core/experiment/figures';
import { degradationJson, degradationTable, type SeedMember } from './compareDegradationReport';

const member = (
  label: string,
  seed: number,
  trainError: number | null,
  valError: number | null,
): SeedMember => ({
  label,
  depth: Number(label.split('-')[1]),
  residual: label.startsWith('resnet'),
  seed,
  runId: `run-${label}-${seed}`,
  status: trainError === null ? 'failed' : 'done',
  trainError,
  valError,
  failure: trainError === null ? 'loss became NaN' : null,
});

const members = [
  member('plain-20', 1, 0.1, 0.15),
  member('plain-20', 2, 0.12, 0.17),
  member('plain-20', 3, 0.14, 0.19),
  member('plain-56', 1, 0.3, 0.31),
  member('plain-56', 2, 0.32, 0.33),
  member('plain-56', 3, null, null),
];

describe('degradationJson', () => {
  it('gives per net label, depth, residual and errors as { mean, std, values } in fractions, with the recipe', () => {
    const json = degradationJson({
      experimentId: 'exp-1',
      request: { depths: [20, 56], dataset: 'fashion-mnist', preset: 'quick', seeds: [1, 2, 3] },
      members,
      durationMs: 1000,
      estimate: null,
    });
    expect(json).toMatchObject({
      errorUnit: 'fraction',
      trainErrKind: 'running mean over the epoch, training mode',
      seeds: [1, 2, 3],
      preset: 'quick',
    });
    expect(json.recipe).toMatchObject({
      optimizer: 'momentum',
      learningRate: 0.05,
      batchSize: 64,
      limit: 2000,
    });
    expect(json.recipe).not.toHaveProperty('seed');
    const nets = json.nets as { label: string; trainErr: { mean: number; std: number; values: number[] } }[];
    expect(nets.map((n) => n.label)).toEqual(['plain-20', 'plain-56']);
    expect(nets[0]).toMatchObject({ depth: 20, residual: false });
    expect(Object.keys(nets[0]?.trainErr ?? {})).toEqual(['mean', 'std', 'values']);
    expect(nets[0]?.trainErr.mean).toBeCloseTo(0.12, 12);
    expect(nets[0]?.trainErr.std).toBeCloseTo(0.02, 12);
    // The failed seed has no value: the mean is over the seeds that finished.
    expect(nets[1]?.trainErr.values).toEqual([0.3, 0.32]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('degradationTable', () => {
  it('prints mean ± std per net and names the seed that did not finish', () => {
    const lines = degradationTable(members).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^net\s+seeds\s+running train err \(mean ± std\)\s+val err/);
    expect(lines[1]).toMatch(/^plain-20\s+1,2,3\s+12\.0% ± 2\.0\s+17\.0% ± 2\.0$/);
    expect(lines[2]).toMatch(
      /^plain-56\s+1,2,3\s+31\.0% ± 1\.4\s+32\.0% ± 1\.4\s+seed 3 failed: loss became NaN$/,
    );
  });
});

describe('bandFigure', () => {
  const epoch = (n: number, acc: number): TrainingEvent => ({
    type: 'epoch',
    epoch: n,
    loss: 1,
    acc,
    valLoss: 1,
    valAcc: acc,
    valError: 1 - acc,
    durationMs: 10,
    lr: 0.1,
  });
  it('draws one mean line and one shaded band per net and metric', () => {
    const svg = bandFigure(
      [1, 2, 3].map((seed) => ({
        label: 'plain-20',
        residual: false,
        curves: curvesFromEvents([epoch(1, 0.5 + seed / 100), epoch(2, 0.6 + seed / 100)]),
      })),
      'bands',
    );
    expect(svg.match(/<polygon [^>]*data-band=/g)).toHaveLength(2);
    expect(svg).toContain('plain-20 running train err');
    expect(svg).toContain('plain-20 val');
  });
});
