import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph/validate';
import { diffGraphs } from '../graph/diff';
import { planExperiment } from './plan';

describe('planExperiment', () => {
  it('builds plain and residual nets per depth with one shared settings object', () => {
    const members = planExperiment({ depths: [56, 20], dataset: 'shapes', epochs: 2, preset: 'quick' });
    expect(members.map((m) => m.label)).toEqual(['plain-20', 'plain-56', 'resnet-20', 'resnet-56']);
    const [first, ...rest] = members;
    for (const m of rest) expect(m.settings).toEqual(first?.settings);
    expect(first?.settings).toMatchObject({ dataset: 'shapes', epochs: 2, seed: 1, limit: 2000 });
  });

  it('differs between plain and residual of one depth only in the shortcut flag, and every net is valid', () => {
    const members = planExperiment({
      depths: [20],
      dataset: 'shapes',
      epochs: 1,
      preset: 'quick',
      limit: 64,
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

  it('uses the full width and no sample limit on the paper preset', () => {
    const [m] = planExperiment({ depths: [20], dataset: 'fashion-mnist', epochs: 1, preset: 'paper' });
    expect(m?.settings.limit).toBeUndefined();
    const conv1 = m?.document.nodes.find((n) => n.id === 'conv1');
    expect(conv1?.type === 'conv2d' && conv1.params.filters).toBe(16);
  });
});
