import type { GraphDocument } from '../../../core/graph/schema';

/** The smallest trainable classifier for 28×28 gray images: input → flatten → output. */
export function tinyDigitsGraph(extra: { dense?: number; dropout?: number } = {}): GraphDocument {
  const position = { x: 0, y: 0 };
  const nodes: GraphDocument['nodes'] = [
    { id: 'in', type: 'input', position, params: { height: 28, width: 28, channels: 1 } },
    { id: 'flat', type: 'flatten', position, params: {} },
  ];
  const edges: GraphDocument['edges'] = [{ id: 'e1', source: 'in', target: 'flat' }];
  let last = 'flat';
  if (extra.dense) {
    nodes.push({ id: 'hidden', type: 'dense', position, params: { units: extra.dense, useBias: true } });
    edges.push({ id: 'e2', source: last, target: 'hidden' });
    last = 'hidden';
  }
  if (extra.dropout) {
    nodes.push({ id: 'drop', type: 'dropout', position, params: { rate: extra.dropout } });
    edges.push({ id: 'e4', source: last, target: 'drop' });
    last = 'drop';
  }
  nodes.push({ id: 'out', type: 'output', position, params: { classes: 10 } });
  edges.push({ id: 'e3', source: last, target: 'out' });
  return { format: 'deepwire', version: 1, name: 'tiny', nodes, edges };
}
