import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './builder';
import { applyFix, flattenFix } from './fixes';
import { freeSpot, NODE_BOX, spliceIntoEdge } from './placement';
import type { GraphDocument, GraphNode, Position } from './schema';

function boxesOverlap(a: Position, b: Position): boolean {
  return (
    a.x < b.x + NODE_BOX.width &&
    b.x < a.x + NODE_BOX.width &&
    a.y < b.y + NODE_BOX.height &&
    b.y < a.y + NODE_BOX.height
  );
}

function overlapping(doc: GraphDocument): [string, string][] {
  const pairs: [string, string][] = [];
  doc.nodes.forEach((a, i) =>
    doc.nodes.slice(i + 1).forEach((b) => {
      if (boxesOverlap(a.position, b.position)) pairs.push([a.id, b.id]);
    }),
  );
  return pairs;
}

function chain(): GraphDocument {
  const b = new GraphBuilder('chain');
  b.add('input', {}, { id: 'in' });
  b.add('dense', {}, { id: 'd' });
  b.add('output', {}, { id: 'out' });
  return b.build();
}

const flatten = (id: string, position: Position) =>
  ({ id, type: 'flatten', params: {}, position }) as GraphNode;

describe('spliceIntoEdge', () => {
  it('puts the new node in the target’s place and moves the rest along the flow', () => {
    const doc = chain();
    const edge = doc.edges.find((e) => e.target === 'd')!;
    const spliced = spliceIntoEdge(doc, edge, [flatten], ['flatten']);
    const at = (id: string) => spliced.nodes.find((n) => n.id === id)!.position;
    expect(at('flatten')).toEqual(doc.nodes.find((n) => n.id === 'd')!.position);
    expect(at('d').x).toBeGreaterThan(at('flatten').x + NODE_BOX.width);
    expect(at('out').x).toBeGreaterThan(at('d').x);
    expect(at('in')).toEqual(doc.nodes[0]!.position);
    expect(overlapping(spliced)).toEqual([]);
    expect(spliced.edges.map((e) => [e.source, e.target])).toEqual([
      ['in', 'flatten'],
      ['flatten', 'd'],
      ['d', 'out'],
    ]);
  });

  it('the Insert-Flatten fix never overlaps the next node', () => {
    const doc = chain();
    const fixed = applyFix(doc, flattenFix(doc.edges.find((e) => e.target === 'd')!.id));
    expect(fixed.nodes.some((n) => n.type === 'flatten')).toBe(true);
    expect(overlapping(fixed)).toEqual([]);
  });

  it('a graph drawn top-down gets the node beside the source at a free spot', () => {
    const doc = chain();
    const vertical = {
      ...doc,
      nodes: doc.nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 100 } })),
    };
    const spliced = spliceIntoEdge(vertical, vertical.edges[0]!, [flatten], ['flatten']);
    expect(overlapping(spliced)).toEqual([]);
  });
});

describe('freeSpot', () => {
  it('moves down past every node it would touch', () => {
    const nodes = [0, 1, 2].map((i) => flatten(`n${i}`, { x: 0, y: i * 90 }));
    const spot = freeSpot(nodes, { x: 10, y: 10 });
    expect(nodes.every((n) => !boxesOverlap(n.position, spot))).toBe(true);
    expect(spot.x).toBe(10);
  });

  it('keeps a spot that is already free', () => {
    expect(freeSpot([flatten('a', { x: 0, y: 0 })], { x: 500, y: 0 })).toEqual({ x: 500, y: 0 });
  });
});
