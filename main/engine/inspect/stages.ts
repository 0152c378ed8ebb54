import type { GraphDocument } from '../../../core/graph/schema';

/** Nodes that pass a conv's map on unchanged in size: its stage continues through them. */
const PASS_THROUGH = new Set(['activation', 'batchNorm']);

/** A conv layer on the canvas: a conv primitive, or a composite built around convs. */
function isConvLike(node: GraphDocument['nodes'][number], expanded: GraphDocument): boolean {
  if (/conv/i.test(node.type)) return true;
  return expanded.nodes.some((inner) => inner.group?.id === node.id && /conv/i.test(inner.type));
}

/**
 * For each conv layer on the canvas, the node whose map stands for its stage:
 * the conv itself, or the end of the BN/activation chain right after it (a
 * composite already ends in its own activation). Canvas order.
 */
export function convStages(doc: GraphDocument, expanded: GraphDocument): Map<string, string> {
  const consumers = new Map<string, string[]>();
  for (const edge of doc.edges)
    consumers.set(edge.source, [...(consumers.get(edge.source) ?? []), edge.target]);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const stages = new Map<string, string>();
  for (const node of doc.nodes) {
    if (!isConvLike(node, expanded)) continue;
    let current = node.id;
    for (;;) {
      const next = consumers.get(current);
      const only = next?.length === 1 ? byId.get(next[0] ?? '') : undefined;
      if (!only || !PASS_THROUGH.has(only.type)) break;
      current = only.id;
    }
    stages.set(node.id, current);
  }
  return stages;
}
