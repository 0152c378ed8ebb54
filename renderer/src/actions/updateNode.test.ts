import { describe, expect, it } from 'vitest';
import { setLabel, updateParams } from './updateNode';
import { applyUpdate, stateWith } from './testState';

const convParams = { filters: 32, kernel: 5, stride: 2, padding: 'valid', dilation: 1, useBias: false };

describe('updateParams', () => {
  it('replaces valid params as one undo step', () => {
    const s0 = stateWith();
    const next = applyUpdate(s0, updateParams.perform(s0, { nodeId: 'conv', params: convParams }));
    expect(next.document.nodes.find((n) => n.id === 'conv')?.params).toEqual(convParams);
    expect(next.past).toEqual([s0.document]);
  });

  it('refuses params the schema rejects, and no-op edits', () => {
    const s0 = stateWith();
    expect(updateParams.perform(s0, { nodeId: 'conv', params: { ...convParams, filters: 0 } })).toBeNull();
    expect(
      updateParams.perform(s0, { nodeId: 'conv', params: { ...convParams, padding: 'wide' } }),
    ).toBeNull();
    const same = s0.document.nodes.find((n) => n.id === 'conv')?.params ?? {};
    expect(updateParams.perform(s0, { nodeId: 'conv', params: { ...same } })).toBeNull();
    expect(updateParams.perform(s0, { nodeId: 'ghost', params: convParams })).toBeNull();
  });
});

describe('setLabel', () => {
  it('sets and clears a label', () => {
    const s0 = stateWith();
    const named = applyUpdate(s0, setLabel.perform(s0, { nodeId: 'conv', label: 'stem' }));
    expect(named.document.nodes.find((n) => n.id === 'conv')?.label).toBe('stem');
    const cleared = applyUpdate(named, setLabel.perform(named, { nodeId: 'conv', label: '' }));
    expect(cleared.document.nodes.find((n) => n.id === 'conv')).not.toHaveProperty('label');
    expect(setLabel.perform(cleared, { nodeId: 'conv', label: '' })).toBeNull();
  });
});
