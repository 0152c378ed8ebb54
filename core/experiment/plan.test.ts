import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph/validate';
import { diffGraphs } from '../graph/diff';
import { epochsOf, planExperiment, PRESETS } from './plan';

describe('planExperiment', () => {
  it('trains every net once per seed, sharing one recipe that differs only in the seed', () => {
    const members = planExperiment({ depths: [56, 20], dataset: 'shapes', epochs: 2, preset: 'quick' });
    expect(members.map((m) => `${m.label}/${m.seed}`)).toEqual([
      'plain-20/1',
      'plain-20/2',
      'plain-20/3',
      'plain-56/1',
      'plain-56/2',
      'plain-56/3',
      'resnet-20/1',
      'resnet-20/2',
      'resnet-20/3',
      'resnet-56/1',
      'resnet-56/2',
      'resnet-56/3',
    ]);
    const [first, ...rest] = members;
    for (const m of rest) expect({ ...m.settings, seed: 0 }).toEqual({ ...first?.settings, seed: 0 });
    expect(members.map((m) => m.settings.seed)).toEqual(members.map((m) => m.seed));
    expect(first?.settings).toMatchObject({ dataset: 'shapes', epochs: 2, seed: 1, limit: 2000 });
  });

  it('takes explicit seeds, or one legacy seed', () => {
    const seeds = (request: { seeds?: number[]; seed?: number }) =>
      planExperiment({ depths: [20], dataset: 'shapes', preset: 'quick', ...request })
        .filter((m) => !m.residual)
        .map((m) => m.seed);
    expect(seeds({ seeds: [7, 9] })).toEqual([7, 9]);
    expect(seeds({ seed: 4 })).toEqual([4]);
    expect(seeds({})).toEqual(PRESETS.quick.seeds);
    expect(PRESETS.quick.seeds).toEqual([1, 2, 3]);
  });

  it('differs between plain and residual of one depth only in the shortcut flag, and every net is valid', () => {
    const members = planExperiment({
      depths: [20],
      dataset: 'shapes',
      epochs: 1,
      preset: 'quick',
      limit: 64,
      seeds: [1],
    });
    const [plain, residual] = members;
    if (!plain || !residual) throw new Error('expected two members');
    const diff = diffGraphs(plain.document, residual.document);
    expect(diff.changed.flatMap((c) => c.params.map((p) => p.key)).filter((k) => k !== 'label')).toEqual([
      'residual',
      'residual',
      'residual',
    ]);
    for (const m of members) {
      expect(analyzeGraph(m.document).problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
    expect(plain.settings.limit).toBe(64);
    const conv1 = plain.document.nodes.find((n) => n.id === 'conv1');
    expect(conv1?.type === 'conv2d' && conv1.params.filters).toBe(8);
  });

  it("follows the paper's CIFAR-10 recipe: batch 128, lr 0.1 ÷10 at 32k/48k iterations, 64k iterations, 45k/5k, flip + crop 4", () => {
    const [m] = planExperiment({ depths: [20], dataset: 'cifar10:/data/cifar', preset: 'paper' });
    expect(m?.settings).toMatchObject({
      optimizer: 'momentum',
      learningRate: 0.1,
      batchSize: 128,
      weightDecay: 1e-4,
      validationSplit: 0.1,
      schedule: { kind: 'multistep', milestones: [32_000, 48_000], unit: 'iteration', gamma: 0.1 },
      augment: { flip: true, cropPadding: 4 },
    });
    expect(m?.settings.limit).toBeUndefined();
    // 45,000 samples at batch 128 are 352 iterations an epoch: 182 epochs cover 64,000 iterations.
    expect(m?.settings.epochs).toBe(182);
    expect(182 * 352).toBeGreaterThanOrEqual(64_000);
    expect(181 * 352).toBeLessThan(64_000);
    // ...and training stops at exactly 64,000 steps, the 182nd epoch partial.
    expect(m?.settings.maxIterations).toBe(64_000);
    const conv1 = m?.document.nodes.find((n) => n.id === 'conv1');
    expect(conv1?.type === 'conv2d' && conv1.params.filters).toBe(16);
    const input = m?.document.nodes.find((n) => n.type === 'input');
    expect(input?.type === 'input' && input.params).toEqual({ height: 32, width: 32, channels: 3 });
  });

  it('derives epochs from iterations on Fashion-MNIST (54,000 training samples) and honours an override', () => {
    expect(epochsOf({ depths: [20], dataset: 'fashion-mnist', preset: 'paper' })).toBe(
      Math.ceil(64_000 / 422),
    );
    expect(epochsOf({ depths: [20], dataset: 'fashion-mnist', preset: 'paper', epochs: 2 })).toBe(2);
    const [overridden] = planExperiment({
      depths: [20],
      dataset: 'fashion-mnist',
      preset: 'paper',
      epochs: 2,
    });
    expect(overridden?.settings.maxIterations).toBeUndefined();
  });
});
