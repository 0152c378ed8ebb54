import { describe, expect, it } from 'vitest';
import { buildCifarNet } from '../templates';
import { GraphBuilder } from './builder';
import { describeDiff, diffGraphs, isEmptyDiff, markFor } from './diff';

function small(filters: number, withDropout: boolean) {
  const b = new GraphBuilder('small');
  b.add('input', { height: 28, width: 28, channels: 1 }, { id: 'input' });
  b.add('conv2d', { filters }, { id: 'conv' });
  if (withDropout) b.add('dropout', { rate: 0.5 }, { id: 'drop' });
  b.add('flatten', {}, { id: 'flat' });
  b.add('output', { classes: 10 }, { id: 'out' });
  return b.build();
}

describe('diffGraphs', () => {
  it('finds nothing between a graph and itself', () => {
    const doc = buildCifarNet({ depth: 20, residual: true });
    const diff = diffGraphs(doc, doc);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(describeDiff(diff)).toEqual(['identical graphs']);
  });

  it('sees plain vs residual as the three stages changing only their residual flag', () => {
    const diff = diffGraphs(
      buildCifarNet({ depth: 20, residual: false }),
      buildCifarNet({ depth: 20, residual: true }),
    );
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => c.id)).toEqual(['stage1', 'stage2', 'stage3']);
    expect(diff.changed[0]?.params).toEqual([{ key: 'residual', before: false, after: true }]);
  });

  it('reports depth as a changed block count', () => {
    const diff = diffGraphs(
      buildCifarNet({ depth: 20, residual: false }),
      buildCifarNet({ depth: 56, residual: false }),
    );
    expect(diff.changed.every((c) => c.params.some((p) => p.key === 'blocks'))).toBe(true);
    expect(diff.changed[0]?.params.find((p) => p.key === 'blocks')).toEqual({
      key: 'blocks',
      before: 3,
      after: 9,
    });
  });

  it('lists added and removed nodes, rewired edges and changed params', () => {
    const before = small(8, false);
    const after = small(16, true);
    const diff = diffGraphs(before, after);
    expect(diff.added).toEqual(['drop']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([{ id: 'conv', params: [{ key: 'filters', before: 8, after: 16 }] }]);
    expect(diff.edgesAdded.sort()).toEqual(['conv→drop', 'drop→flat']);
    expect(diff.edgesRemoved).toEqual(['conv→flat']);
    expect(markFor(diff, 'drop', 'after')).toBe('added');
    expect(markFor(diff, 'conv', 'before')).toBe('changed');
    expect(markFor(diff, 'flat', 'after')).toBe('same');
    const reverse = diffGraphs(after, before);
    expect(reverse.removed).toEqual(['drop']);
    expect(markFor(reverse, 'drop', 'before')).toBe('removed');
    expect(describeDiff(diff)).toContain('~ conv: filters 8 → 16');
  });

  it('reports a node whose type changed under the same id', () => {
    const before = small(8, false);
    const after = structuredClone(before);
    const index = after.nodes.findIndex((n) => n.id === 'flat');
    after.nodes[index] = { id: 'flat', type: 'globalAvgPool2d', params: {}, position: { x: 0, y: 0 } };
    const diff = diffGraphs(before, after);
    expect(diff.changed).toEqual([
      { id: 'flat', typeChange: { before: 'flatten', after: 'globalAvgPool2d' }, params: [] },
    ]);
  });
});
