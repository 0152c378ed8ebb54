import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../core/graph/validate';
import type { GraphDocument } from '../../../core/graph/schema';
import { applyFix } from './applyFix';
import { applyUpdate, nodeOf, stateWith } from './testState';

/** input (28×28×1) → conv (28×28×16) → add ← input: the skip wire has 1 channel, the main path 16. */
function mismatchedAdd(): GraphDocument {
  return {
    format: 'deepwire',
    version: 1,
    name: 'skip',
    nodes: [
      nodeOf('input', 'input'),
      nodeOf('conv', 'conv2d', 200),
      nodeOf('sum', 'add', 400),
      nodeOf('out', 'output', 600),
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'conv' },
      { id: 'e2', source: 'conv', target: 'sum' },
      { id: 'e3', source: 'input', target: 'sum' },
      { id: 'e4', source: 'sum', target: 'out' },
    ],
  };
}

describe('applyFix', () => {
  it('applies a suggested shortcut fix as one undo step and clears the error', () => {
    const doc = mismatchedAdd();
    const problem = analyzeGraph(doc).problems.find((p) => p.code === 'add-shape-mismatch');
    const fix = problem?.fixes?.[0];
    expect(fix).toBeDefined();
    if (!fix) return;
    const state = stateWith(doc);
    const next = applyUpdate(state, applyFix.perform(state, fix));
    expect(next.past).toEqual([doc]);
    expect(next.document.nodes.length).toBeGreaterThan(doc.nodes.length);
    expect(next.selection.nodeIds.length).toBeGreaterThan(0);
    const after = analyzeGraph(next.document).problems.filter(
      (p) => p.nodeId === 'sum' && p.severity === 'error',
    );
    expect(after).toEqual([]);
  });

  it('does nothing when the fix no longer applies', () => {
    const state = stateWith(mismatchedAdd());
    expect(applyFix.perform(state, { kind: 'insertFlatten', edgeId: 'gone', label: 'x' })).toBeNull();
  });
});
