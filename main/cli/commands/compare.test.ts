import { describe, expect, it } from 'vitest';
import { curvesFromEvents } from '../../../core/experiment/curves';
import type { TrainingEvent } from '../../../core/training/events';
import type { ItemState } from '../../engine/experiment/sequence';
import { parseCompareArgs } from './compare';
import { parseDegradationArgs } from './compareDegradation';
import { compareFigure, compareTable, seedTable } from './compareReport';

const epoch = (n: number, acc: number, valAcc: number): TrainingEvent => ({
  type: 'epoch',
  epoch: n,
  loss: 1,
  acc,
  valLoss: 1,
  valAcc,
  valError: 1 - valAcc,
  durationMs: 1000,
  lr: 0.1,
});

const state = (label: string, events: TrainingEvent[]): ItemState => ({
  label,
  runId: `run-${label}`,
  status: 'done',
  curves: curvesFromEvents(events),
  backend: 'wasm',
  durationMs: 12_345,
  failure: null,
});

describe('parseCompareArgs', () => {
  it('takes several graphs and passes train options through to the train parser', () => {
    const parsed = parseCompareArgs([
      'plain20',
      'resnet20',
      '--dataset',
      'shapes',
      '--limit=512',
      '--epochs',
      '1',
      '--out',
      '/tmp/x',
      '--width',
      '8',
    ]);
    expect(parsed).toEqual({
      graphs: ['plain20', 'resnet20'],
      out: '/tmp/x',
      width: 8,
      settings: { dataset: 'shapes', limit: 512, epochs: 1 },
    });
  });

  it('refuses one graph, bad widths and unknown train options', () => {
    expect(parseCompareArgs(['plain20'])).toMatch(/at least two/);
    expect(parseCompareArgs(['a', 'b', '--width', '0'])).toMatch(/--width/);
    expect(parseCompareArgs(['a', 'b', '--bogus', '1'])).toMatch(/unknown option '--bogus'/);
    expect(parseCompareArgs(['a', 'b', '--input', '28x28'])).toMatch(/HxWxC/);
  });
});

describe('parseDegradationArgs', () => {
  it('defaults to depths 20 and 56 on the quick preset and validates depths', () => {
    const defaults = parseDegradationArgs(['--degradation']);
    expect(defaults).toMatchObject({ depths: [20, 56], preset: 'quick', json: false, estimate: true });
    expect(typeof defaults !== 'string' && defaults.seeds).toBeUndefined();
    expect(parseDegradationArgs(['--degradation', '--depths', '20,44', '--limit', '300'])).toMatchObject({
      depths: [20, 44],
      limit: 300,
    });
    expect(parseDegradationArgs(['--depths', '21'])).toMatch(/--depths/);
  });

  it('takes seeds, the standard preset, --json and --resume', () => {
    expect(
      parseDegradationArgs([
        '--degradation',
        '--preset',
        'standard',
        '--seeds',
        '1,2,3',
        '--json',
        '--resume=exp-1',
      ]),
    ).toMatchObject({ preset: 'standard', seeds: [1, 2, 3], json: true, resume: 'exp-1' });
    expect(parseDegradationArgs(['--seeds', '1,1'])).toMatch(/twice/);
    expect(parseDegradationArgs(['--seeds', '1,x'])).toMatch(/--seeds/);
    expect(parseDegradationArgs(['--preset', 'huge'])).toMatch(/quick, standard, paper/);
  });
});

describe('compare report', () => {
  const rows = [
    { state: state('plain20', [epoch(1, 0.5, 0.4), epoch(2, 0.7, 0.6)]), params: 270_000, macs: 40_600_000 },
    { state: state('resnet20', [epoch(1, 0.6, 0.5)]), params: 270_000, macs: 40_600_000 },
  ];

  it('prints one aligned row per graph with final errors, time and backend', () => {
    const lines = compareTable(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^graph\s+params\s+MACs\s+running train err\s+val err/);
    expect(lines[1]).toMatch(
      /^plain20\s+0\.27M\s+40\.6M\s+30\.0%\s+40\.0%\s+40\.0%\s+12\.3 s\s+wasm\s+done$/,
    );
  });

  it('draws a thin train and a bold validation line per graph', () => {
    const svg = compareFigure(rows, 'plain20 vs resnet20');
    expect(svg).toContain('plain20 running train err');
    expect(svg).toContain('resnet20 val err');
    // plain20 has two epochs (lines); resnet20 one (a dot per series).
    expect(svg.match(/<polyline [^>]*data-series/g)?.length).toBe(2);
    expect(svg.match(/<circle [^>]*data-series/g)?.length).toBe(2);
    expect(svg).toMatch(/stroke-width="3"/);
  });
});

describe('compare over seeds', () => {
  it('takes --seeds beside the train options', () => {
    const parsed = parseCompareArgs(['plain20', 'resnet20', '--seeds', '1,2,3', '--epochs', '1']);
    expect(parsed).toMatchObject({
      graphs: ['plain20', 'resnet20'],
      seeds: [1, 2, 3],
      settings: { epochs: 1 },
    });
    expect(parseCompareArgs(['a', 'b', '--seeds', '2,2'])).toMatch(/twice/);
  });

  it('prints one row per graph with mean ± std over its seeds', () => {
    const rows = [0.5, 0.6, 0.7].map((acc, i) => ({
      state: state('plain20', [epoch(1, acc, acc - 0.1)]),
      params: 270_000,
      macs: 1,
      seed: i + 1,
    }));
    const lines = seedTable(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^plain20\s+0\.27M\s+1,2,3\s+40\.0% ± 10\.0\s+50\.0% ± 10\.0$/);
  });
});
