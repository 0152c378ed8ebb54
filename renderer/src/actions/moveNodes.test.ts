import { describe, expect, it } from 'vitest';
import { moveNodes } from './moveNodes';
import { applyUpdate, stateWith } from './testState';

describe('moveNodes', () => {
  it('coalesces a whole drag into one undo step recorded at drag end', () => {
    const s0 = stateWith();
    const d1 = applyUpdate(
      s0,
      moveNodes.perform(s0, { positions: { conv: { x: 210, y: 5 } }, dragging: true }),
    );
    const d2 = applyUpdate(
      d1,
      moveNodes.perform(d1, { positions: { conv: { x: 260, y: 40 } }, dragging: true }),
    );
    expect(d2.past).toEqual([]);
    expect(d2.dragOrigin).toBe(s0.document);
    const end = applyUpdate(d2, moveNodes.perform(d2, { positions: {}, dragging: false }));
    expect(end.past).toEqual([s0.document]);
    expect(end.dragOrigin).toBeNull();
    expect(end.document.nodes.find((n) => n.id === 'conv')?.position).toEqual({ x: 260, y: 40 });
  });

  it('keeps unmoved nodes and edges by identity', () => {
    const s0 = stateWith();
    const next = applyUpdate(
      s0,
      moveNodes.perform(s0, { positions: { conv: { x: 1, y: 1 } }, dragging: false }),
    );
    expect(next.document.nodes[0]).toBe(s0.document.nodes[0]);
    expect(next.document.edges).toBe(s0.document.edges);
  });

  it('records nothing for a click without movement', () => {
    const s0 = stateWith();
    expect(moveNodes.perform(s0, { positions: { conv: { x: 200, y: 0 } }, dragging: false })).toBeNull();
  });
});
