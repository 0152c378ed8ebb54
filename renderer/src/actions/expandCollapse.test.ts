import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../../core/graph/schema';
import { collapseGroup } from './collapseGroup';
import { expandComposite } from './expandComposite';
import { applyUpdate, nodeOf, stateWith } from './testState';

/** input 32×32×16 → residual stage → flatten → output. */
function withStage(): GraphDocument {
  const input = nodeOf('input', 'input');
  return {
    format: 'deepwire',
    version: 1,
    name: 'stage',
    nodes: [
      { ...input, params: { height: 32, width: 32, channels: 16 } } as GraphDocument['nodes'][number],
      nodeOf('stage', 'residualStage', 200),
      nodeOf('flat', 'flatten', 400),
      nodeOf('out', 'output', 600),
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'stage' },
      { id: 'e2', source: 'stage', target: 'flat' },
      { id: 'e3', source: 'flat', target: 'out' },
    ],
  };
}

describe('expand and collapse composites', () => {
  it('expands in place, selects the primitives, and collapses back', () => {
    const s0 = stateWith(withStage());
    const expanded = applyUpdate(s0, expandComposite.perform(s0, { nodeId: 'stage' }));
    const members = expanded.document.nodes.filter((n) => n.group?.id === 'stage');
    expect(members.length).toBeGreaterThan(3);
    expect(expanded.document.nodes.some((n) => n.id === 'stage' && n.type === 'residualStage')).toBe(false);
    expect(expanded.selection.nodeIds).toEqual(members.map((n) => n.id));
    expect(expanded.past).toHaveLength(1);

    const collapsed = applyUpdate(expanded, collapseGroup.perform(expanded, { groupId: 'stage' }));
    const stage = collapsed.document.nodes.find((n) => n.type === 'residualStage');
    expect(stage?.params).toEqual(s0.document.nodes[1]?.params);
    expect(collapsed.document.nodes.some((n) => n.group)).toBe(false);
    expect(collapsed.document.nodes).toHaveLength(4);
  });

  it('ignores primitives and unknown groups', () => {
    const s0 = stateWith(withStage());
    expect(expandComposite.perform(s0, { nodeId: 'flat' })).toBeNull();
    expect(collapseGroup.perform(s0, { groupId: 'nothing' })).toBeNull();
  });
});
