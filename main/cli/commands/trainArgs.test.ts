import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from './trainArgs';

describe('parseTrainArgs', () => {
  it('maps flags onto settings fields', () => {
    const parsed = parseTrainArgs([
      'lenet5',
      '--dataset',
      'fashion-mnist',
      '--epochs',
      '5',
      '--batch-size=64',
      '--lr',
      '0.01',
      '--optimizer',
      'nesterov',
      '--seed',
      '7',
      '--backend',
      'wasm',
      '--limit',
      '512',
      '--out',
      '/tmp/runs',
      '--json',
    ]);
    expect(parsed).toEqual({
      graph: 'lenet5',
      out: '/tmp/runs',
      json: true,
      settings: {
        dataset: 'fashion-mnist',
        epochs: 5,
        batchSize: 64,
        learningRate: 0.01,
        optimizer: 'nesterov',
        seed: 7,
        backend: 'wasm',
        limit: 512,
      },
    });
  });

  it('resumes a run by id, refusing a graph or settings alongside', () => {
    expect(parseTrainArgs(['--resume', 'r1', '--out', 'runs'])).toMatchObject({ resume: 'r1', out: 'runs' });
    expect(parseTrainArgs(['--resume', 'r1', '--epochs', '3'])).toMatch(
      /--resume takes the graph and settings/,
    );
  });

  it('names the bad argument', () => {
    expect(parseTrainArgs([])).toMatch(/missing the graph/);
    expect(parseTrainArgs(['g.json', '--epochs', 'many'])).toMatch(/--epochs needs a number/);
    expect(parseTrainArgs(['g.json', '--bogus'])).toMatch(/unknown option '--bogus'/);
    expect(parseTrainArgs(['a.json', 'b.json'])).toMatch(/unexpected argument 'b.json'/);
  });
});
