import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../core/graph/defaults';
import { addNode } from './addNode';
import { applyUpdate, stateWith } from './testState';

describe('addNode', () => {
  it('adds a node with default params, a unique id, and selects it', () => {
    const state = stateWith();
    const next = applyUpdate(state, addNode.perform(state, { type: 'conv2d', position: { x: 10, y: 20 } }));
    expect(next.document.nodes).toHaveLength(5);
    const added = next.document.nodes.at(-1);
    expect(added?.type).toBe('conv2d');
    expect(added?.id).not.toBe('conv');
    expect(state.document.nodes.some((n) => n.id === added?.id)).toBe(false);
    expect(added?.position).toEqual({ x: 10, y: 20 });
    expect(added?.params).toEqual(DEFAULT_PARAMS.conv2d);
    expect(added?.params).not.toBe(DEFAULT_PARAMS.conv2d);
    expect(next.selection.nodeIds).toEqual([added?.id]);
    expect(next.past).toEqual([state.document]);
  });

  it('wires the new node after connectFrom', () => {
    const state = stateWith();
    const next = applyUpdate(
      state,
      addNode.perform(state, { type: 'dense', position: { x: 0, y: 0 }, connectFrom: 'flat' }),
    );
    const added = next.document.nodes.at(-1);
    expect(next.document.edges.at(-1)).toMatchObject({ source: 'flat', target: added?.id });
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
