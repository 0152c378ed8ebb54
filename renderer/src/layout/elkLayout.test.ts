import { describe, expect, it } from 'vitest';
import { applyLayout } from '../actions/autoLayout';
import { applyUpdate, sampleDocument, stateWith } from '../actions/testState';
import { buildElkGraph, computeLayout, DEFAULT_NODE_SIZE } from './elkLayout';

describe('auto-layout', () => {
  it('builds the ELK graph from the document with measured or default sizes', () => {
    const graph = buildElkGraph(sampleDocument(), { conv: { width: 300, height: 90 } });
    expect(graph.children?.find((c) => c.id === 'conv')).toMatchObject({ width: 300, height: 90 });
    expect(graph.children?.find((c) => c.id === 'input')).toMatchObject(DEFAULT_NODE_SIZE);
    expect(graph.edges).toEqual([
      { id: 'e1', sources: ['input'], targets: ['conv'] },
      { id: 'e2', sources: ['conv'], targets: ['flat'] },
      { id: 'e3', sources: ['flat'], targets: ['out'] },
    ]);
    expect(graph.layoutOptions?.['elk.direction']).toBe('RIGHT');
  });

  it('lays a chain out left to right', async () => {
    const positions = await computeLayout(sampleDocument(), {}, 10);
    const xs = ['input', 'conv', 'flat', 'out'].map((id) => positions[id]?.x ?? NaN);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
  });

  it('wraps a long chain into rows that read left to right, top to bottom', async () => {
    const doc = sampleDocument();
    const nodes = Array.from({ length: 12 }, (_, i) => ({ ...doc.nodes[1]!, id: `n${i}` }));
    const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: `n${i}`, target: n.id }));
    const positions = await computeLayout({ ...doc, nodes, edges }, {}, 1.6);
    const ys = new Set(nodes.map((n) => positions[n.id]?.y));
    expect(ys.size).toBeGreaterThan(1);
    for (let i = 1; i < nodes.length; i++) {
      const a = positions[`n${i - 1}`]!;
      const b = positions[`n${i}`]!;
      expect(b.x > a.x || b.y > a.y).toBe(true);
    }
  });

  it('applies positions as an undo step, or as part of a load without one', () => {
    const s0 = stateWith();
    const positions = { conv: { x: 999, y: 1 } };
    const onDemand = applyUpdate(s0, applyLayout.perform(s0, { positions, partOfLoad: false }));
    expect(onDemand.past).toEqual([s0.document]);
    const onLoad = applyUpdate(s0, applyLayout.perform(s0, { positions, partOfLoad: true }));
    expect(onLoad.past).toEqual([]);
    expect(onLoad.savedDocument).toBe(onLoad.document);
    expect(applyLayout.perform(s0, { positions: { conv: { x: 200, y: 0 } }, partOfLoad: false })).toBeNull();
  });
});
