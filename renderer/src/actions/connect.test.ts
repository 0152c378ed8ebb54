import { describe, expect, it } from 'vitest';
import { connect } from './connect';
import { applyUpdate, nodeOf, sampleDocument, stateWith } from './testState';

describe('connect', () => {
  it('replaces the existing input of a single-input node', () => {
    const doc = sampleDocument();
    const state = stateWith({ ...doc, nodes: [...doc.nodes, nodeOf('conv2', 'conv2d')] });
    const next = applyUpdate(state, connect.perform(state, { source: 'conv2', target: 'flat' }));
    const intoFlat = next.document.edges.filter((e) => e.target === 'flat');
    expect(intoFlat).toHaveLength(1);
    expect(intoFlat[0]?.source).toBe('conv2');
    expect(next.past).toHaveLength(1);
  });

  it('lets merge nodes take many inputs', () => {
    const doc = sampleDocument();
    const state = stateWith({ ...doc, nodes: [...doc.nodes, nodeOf('sum', 'add')] });
    const once = applyUpdate(state, connect.perform(state, { source: 'input', target: 'sum' }));
    const twice = applyUpdate(once, connect.perform(once, { source: 'conv', target: 'sum' }));
    expect(twice.document.edges.filter((e) => e.target === 'sum').map((e) => e.source)).toEqual([
      'input',
      'conv',
    ]);
  });

  it('ignores self-loops, duplicates, unknown nodes and wires into an input', () => {
    const state = stateWith();
    expect(connect.perform(state, { source: 'conv', target: 'conv' })).toBeNull();
    expect(connect.perform(state, { source: 'input', target: 'conv' })).toBeNull();
    expect(connect.perform(state, { source: 'nope', target: 'conv' })).toBeNull();
    expect(connect.perform(state, { source: 'conv', target: 'input' })).toBeNull();
  });
});
