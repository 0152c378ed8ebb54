import { describe, expect, it } from 'vitest';
import type { GraphDocument, GraphNode } from '../../../core/graph/schema';
import { moveNodes } from '../actions/moveNodes';
import { nodeOf } from '../actions/testState';
import { createNodeDeriver } from '../canvas/flowModel';
import { createEditorStore } from './editorStore';

/** A 1,000-layer chain: input → 998 × (conv | activation) → output. */
function bigDocument(): GraphDocument {
  const nodes: GraphNode[] = [nodeOf('n0', 'input', 0, 0)];
  for (let i = 1; i < 999; i++) nodes.push(nodeOf(`n${i}`, i % 2 ? 'conv2d' : 'activation', i * 220, 0));
  nodes.push(nodeOf('n999', 'output', 999 * 220, 0));
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: `n${i}`, target: n.id }));
  return { format: 'deepwire', version: 1, name: 'big', nodes, edges };
}

describe('1,000-node editing stays cheap', () => {
  it('a drag step re-derives one node and skips re-analysis', () => {
    const store = createEditorStore(bigDocument());
    const derive = createNodeDeriver();
    const none = { nodeIds: [], edgeIds: [] };
    const first = derive(store.getState().document.nodes, none, {});
    const analysisBefore = store.getState().analysis;
    const steps = 60;
    for (let i = 0; i < steps; i++) {
      store.getState().run(moveNodes, { positions: { n500: { x: 500 * 220 + i, y: i } }, dragging: true });
      derive(store.getState().document.nodes, none, {});
    }
    store.getState().run(moveNodes, { positions: {}, dragging: false });
    const last = derive(store.getState().document.nodes, none, {});
    const changed = last.filter((n, i) => n !== first[i]).length;
    expect(changed).toBe(1);
    expect(store.getState().analysis).toBe(analysisBefore);
    expect(store.getState().past).toHaveLength(1);
    // The work per step is what is asserted; its time (≈ 0.3 ms) is measured by bench/editor, not here.
  });
});
