import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../core/graph/defaults';
import { NODE_BOX } from '../../../core/graph/placement';
import { addNode } from './addNode';
import { applyUpdate, stateWith } from './testState';

describe('addNode', () => {
  it('adds a node with default params, a unique id, and selects it', () => {
    const state = stateWith();
    const next = applyUpdate(state, addNode.perform(state, { type: 'conv2d', position: { x: 10, y: 300 } }));
    expect(next.document.nodes).toHaveLength(5);
    const added = next.document.nodes.at(-1);
    expect(added?.type).toBe('conv2d');
    expect(added?.id).not.toBe('conv');
    expect(state.document.nodes.some((n) => n.id === added?.id)).toBe(false);
    expect(added?.position).toEqual({ x: 10, y: 300 });
    expect(added?.params).toEqual(DEFAULT_PARAMS.conv2d);
    expect(added?.params).not.toBe(DEFAULT_PARAMS.conv2d);
    expect(next.selection.nodeIds).toEqual([added?.id]);
    expect(next.past).toEqual([state.document]);
  });

  it('splices the new node into the only output of connectFrom, making room', () => {
    const state = stateWith();
    const next = applyUpdate(
      state,
      addNode.perform(state, { type: 'dense', position: { x: 0, y: 0 }, connectFrom: 'flat' }),
    );
    const added = next.document.nodes.at(-1)!;
    expect(next.document.edges.map((e) => `${e.source}>${e.target}`)).toEqual([
      'input>conv',
      'conv>flat',
      `flat>${added.id}`,
      `${added.id}>out`,
    ]);
    const out = next.document.nodes.find((n) => n.id === 'out')!;
    expect(added.position).toEqual({ x: 600, y: 0 });
    expect(out.position.x).toBeGreaterThanOrEqual(added.position.x + NODE_BOX.width);
  });

  it('splices into a selected edge, and never places a node on another', () => {
    const state = stateWith();
    const spliced = applyUpdate(
      state,
      addNode.perform(state, { type: 'activation', position: { x: 0, y: 0 }, spliceEdge: 'e1' }),
    );
    const added = spliced.document.nodes.at(-1)!;
    expect(spliced.document.edges.filter((e) => e.source === added.id || e.target === added.id)).toEqual([
      { id: 'e1', source: 'input', target: added.id },
      { id: 'e1-1', source: added.id, target: 'conv' },
    ]);
    const dropped = applyUpdate(state, addNode.perform(state, { type: 'dense', position: { x: 210, y: 5 } }));
    const conv = state.document.nodes.find((n) => n.id === 'conv')!;
    const placed = dropped.document.nodes.at(-1)!.position;
    expect(
      placed.y >= conv.position.y + NODE_BOX.height || placed.x >= conv.position.x + NODE_BOX.width,
    ).toBe(true);
  });

  it('wires after a node with no output', () => {
    const state = stateWith();
    const lone = applyUpdate(state, addNode.perform(state, { type: 'dense', position: { x: 0, y: 900 } }));
    const after = applyUpdate(
      lone,
      addNode.perform(lone, { type: 'dense', position: { x: 0, y: 0 }, connectFrom: 'dense' }),
    );
    expect(after.document.edges.at(-1)).toMatchObject({ source: 'dense', target: 'dense-2' });
  });

  it('does not wire into an input node or out of an output node', () => {
    const state = stateWith();
    const intoInput = applyUpdate(
      state,
      addNode.perform(state, { type: 'input', position: { x: 0, y: 0 }, connectFrom: 'conv' }),
    );
    expect(intoInput.document.edges).toHaveLength(3);
    const fromOutput = applyUpdate(
      state,
      addNode.perform(state, { type: 'dense', position: { x: 0, y: 0 }, connectFrom: 'out' }),
    );
    expect(fromOutput.document.edges).toHaveLength(3);
  });
});
