import { describe, expect, it } from 'vitest';
import { parseAugment, parseSchedule, parseTrainArgs } from './trainArgs';
import { parseSettings } from '../../../core/training/settings';

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
      '--iterations',
      '100',
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
        maxIterations: 100,
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

  it('takes augmentation, schedule, warm-up and weight decay, valid by the settings schema', () => {
    const parsed = parseTrainArgs([
      'resnet20',
      '--augment',
      'flip,crop:4',
      '--schedule=multistep:32000,48000:0.1:iter',
      '--warmup',
      '1',
      '--weight-decay',
      '0.0001',
    ]);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.settings).toEqual({
      augment: { flip: true, cropPadding: 4 },
      schedule: { kind: 'multistep', milestones: [32_000, 48_000], gamma: 0.1, unit: 'iteration' },
      warmupEpochs: 1,
      weightDecay: 0.0001,
    });
    expect(parseSettings(parsed.settings).ok).toBe(true);
    expect(parseSchedule('step:30:0.1')).toEqual({ kind: 'step', every: 30, gamma: 0.1 });
    expect(parseSchedule('cosine')).toEqual({ kind: 'cosine' });
    expect(parseAugment('none')).toBeNull();
    expect(parseAugment('crop:2')).toEqual({ flip: false, cropPadding: 2 });
  });

  it('names a bad augmentation or schedule', () => {
    expect(parseTrainArgs(['g.json', '--augment', 'flip,rotate'])).toMatch(/--augment .* got 'rotate'/);
    expect(parseTrainArgs(['g.json', '--augment', 'crop:x'])).toMatch(/--augment/);
    expect(parseTrainArgs(['g.json', '--schedule', 'exp:3'])).toMatch(/--schedule .* got 'exp:3'/);
    expect(parseTrainArgs(['g.json', '--schedule', 'step:x:0.1'])).toMatch(/--schedule .* got 'step:x:0.1'/);
    expect(parseTrainArgs(['g.json', '--schedule', 'multistep:5,,9:0.1'])).toMatch(/--schedule/);
    expect(parseTrainArgs(['g.json', '--augment', 'shift:65'])).toMatch(/--augment .* got 'shift:65'/);
    expect(parseTrainArgs(['g.json', '--augment', 'crop:2:3'])).toMatch(/--augment .* got 'crop:2:3'/);
  });

  it('takes a shift after flip and crop', () => {
    const parsed = parseTrainArgs(['g.json', '--augment', 'flip,crop:4,shift:2']);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.settings.augment).toEqual({ flip: true, cropPadding: 4, shift: 2 });
    expect(parseSettings(parsed.settings).ok).toBe(true);
    expect(parseAugment('shift:3')).toEqual({ flip: false, cropPadding: 0, shift: 3 });
  });
});
