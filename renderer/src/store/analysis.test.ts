import { describe, expect, it } from 'vitest';
import { withPositions } from '../actions/moveNodes';
import { sampleDocument } from '../actions/testState';
import { createAnalyzer, sameStructure, statusOf } from './analysis';

describe('analysis memo', () => {
  it('treats position-only changes as the same structure', () => {
    const doc = sampleDocument();
    expect(sameStructure(doc, withPositions(doc, { conv: { x: 1, y: 2 } }))).toBe(true);
    const renamed = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'conv' ? { ...n, label: 'x' } : n)) };
    expect(sameStructure(doc, renamed)).toBe(false);
    expect(sameStructure(doc, { ...doc, edges: doc.edges.slice(1) })).toBe(false);
  });

  it('reuses the analysis across a drag and recomputes on edits', () => {
    const analyze = createAnalyzer();
    const doc = sampleDocument();
    const first = analyze(doc);
    expect(analyze(withPositions(doc, { conv: { x: 9, y: 9 } }))).toBe(first);
    const changed = analyze({ ...doc, edges: doc.edges.slice(0, 2) });
    expect(changed).not.toBe(first);
    expect(first.inference.nodes['conv']?.shape).toEqual([28, 28, 16]);
  });

  it('derives a node status from its problems', () => {
    expect(statusOf(undefined)).toBe('ok');
    expect(statusOf([{ code: 'stride-leftover', severity: 'warning', message: '' }])).toBe('warning');
    expect(
      statusOf([
        { code: 'stride-leftover', severity: 'warning', message: '' },
        { code: 'cycle', severity: 'error', message: '' },
      ]),
    ).toBe('error');
  });
});
