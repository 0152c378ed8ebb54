import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../core/graph/validate';
import { withPositions } from '../actions/moveNodes';
import { sampleDocument } from '../actions/testState';
import { createEdgeDeriver, createNodeDeriver } from './flowModel';
import { ESTIMATED_NODE_SIZE } from './nodeGeometry';

describe('flow derivation', () => {
  it('reuses React Flow node objects for unchanged nodes', () => {
    const derive = createNodeDeriver();
    const doc = sampleDocument();
    const none = { nodeIds: [], edgeIds: [] };
    const first = derive(doc.nodes, none, {});
    const moved = withPositions(doc, { conv: { x: 5, y: 5 } });
    const second = derive(moved.nodes, none, {});
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.position).toEqual({ x: 5, y: 5 });
    const selected = derive(moved.nodes, { nodeIds: ['out'], edgeIds: [] }, {});
    expect(selected[3]?.selected).toBe(true);
    expect(selected[0]).toBe(first[0]);
  });

  it('passes measured sizes back and carries no data', () => {
    const derive = createNodeDeriver();
    const doc = sampleDocument();
    const [input] = derive(doc.nodes, { nodeIds: [], edgeIds: [] }, { input: { width: 190, height: 70 } });
    expect(input?.measured).toEqual({ width: 190, height: 70 });
    expect(input?.data).toEqual({});
    expect(input?.type).toBe('layer');
  });

  it('gives unmeasured nodes an estimated size and handle bounds, so React Flow renders only visible ones', () => {
    const derive = createNodeDeriver();
    const doc = sampleDocument();
    const [input, conv, , out] = derive(
      doc.nodes,
      { nodeIds: [], edgeIds: [] },
      { conv: { width: 190, height: 80 } },
    );
    expect(input?.measured).toEqual(ESTIMATED_NODE_SIZE);
    // An input has only an output handle, an output only an input handle.
    expect(input?.handles?.map((h) => h.type)).toEqual(['source']);
    expect(out?.handles?.map((h) => h.type)).toEqual(['target']);
    // Handles follow the measured size once there is one: centred vertically, on the left and right edges.
    const [target, source] = conv?.handles ?? [];
    expect(target).toMatchObject({ type: 'target', x: -4.5, y: 40 - 4.5 });
    expect(source).toMatchObject({ type: 'source', x: 190 - 4.5, y: 40 - 4.5 });
  });

  it('derives edges with identity reuse and marks faulty ones', () => {
    const derive = createEdgeDeriver();
    const doc = sampleDocument();
    const first = derive(doc.edges, { nodeIds: [], edgeIds: [] }, new Set());
    const second = derive(doc.edges, { nodeIds: [], edgeIds: [] }, new Set(['e2']));
    expect(second[0]).toBe(first[0]);
    expect(second[1]?.className).toContain('wire-error');
    expect(second[1]).toMatchObject({ source: 'conv', target: 'flat' });
  });

  it('gives a node a new object when its validation status changes, so the minimap recolours it', () => {
    const derive = createNodeDeriver();
    const doc = sampleDocument();
    const none = { nodeIds: [], edgeIds: [] };
    const broken = new Map([
      ['conv', [{ code: 'cycle', severity: 'error', message: 'bad', nodeId: 'conv' } satisfies Problem]],
    ]);
    const before = derive(doc.nodes, none, {}, broken);
    expect(before[1]?.className).toBe('status-error');
    const fixed = derive(doc.nodes, none, {}, new Map());
    expect(fixed[1]).not.toBe(before[1]);
    expect(fixed[1]?.className).toBe('status-ok');
    expect(fixed[0]).toBe(before[0]);
  });
});
