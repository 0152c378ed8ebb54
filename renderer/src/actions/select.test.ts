import { describe, expect, it } from 'vitest';
import { clearSelection, select, selectAll } from './select';
import { applyUpdate, stateWith } from './testState';

describe('select', () => {
  it('sets the selection and ignores an identical one', () => {
    const s0 = stateWith();
    const next = applyUpdate(s0, select.perform(s0, { nodeIds: ['conv'], edgeIds: ['e1'] }));
    expect(next.selection).toEqual({ nodeIds: ['conv'], edgeIds: ['e1'] });
    expect(select.perform(next, { nodeIds: ['conv'], edgeIds: ['e1'] })).toBeNull();
    expect(next.past).toEqual([]);
  });

  it('selects everything', () => {
    const s0 = stateWith();
    const next = applyUpdate(s0, selectAll.perform(s0));
    expect(next.selection.nodeIds).toHaveLength(4);
    expect(next.selection.edgeIds).toHaveLength(3);
  });

  it('Escape clears the selection, and does nothing when it is empty', () => {
    const s0 = stateWith(undefined, { selection: { nodeIds: ['conv'], edgeIds: ['e1'] } });
    const next = applyUpdate(s0, clearSelection.perform(s0));
    expect(next.selection).toEqual({ nodeIds: [], edgeIds: [] });
    expect(clearSelection.perform(next)).toBeNull();
  });
});
