import { buildComposite, COMPOSITE_INPUT } from '../../../core/graph/composites';
import { inferGraph } from '../../../core/graph/infer';
import { isComposite, type GraphDocument, type GraphEdge, type GraphNode } from '../../../core/graph/schema';
import { CompileError } from './errors';

/**
 * Replaces every composite by its primitives (core's buildComposite, given
 * the composite's inferred input shape), rewiring the composite's inbound
 * edge to its first layers and its outbound edges to its exit.
 * TODO(core): switch to core's expandComposites once it lands, so editor and engine share one expansion.
 */
export function expandForCompile(doc: GraphDocument): GraphDocument {
  if (!doc.nodes.some(isComposite)) return doc;
  const inference = inferGraph(doc);
  const nodes: GraphNode[] = [];
  const innerEdges: GraphEdge[] = [];
  const exitOf = new Map<string, string>();
  const entrySourceOf = new Map<string, string>();

  for (const edge of doc.edges) {
    const target = doc.nodes.find((n) => n.id === edge.target);
    if (target && isComposite(target)) {
      if (entrySourceOf.has(target.id)) {
        throw new CompileError('too-many-inputs', `${target.type} takes one input`, target.id);
      }
      entrySourceOf.set(target.id, edge.source);
    }
  }

  for (const node of doc.nodes) {
    if (!isComposite(node)) {
      nodes.push(node);
      continue;
    }
    const input = inference.nodes[node.id]?.inputShapes[0] ?? null;
    const expansion = buildComposite(node, input);
    nodes.push(...expansion.nodes);
    exitOf.set(node.id, expansion.exit);
    for (const edge of expansion.edges) {
      if (edge.source !== COMPOSITE_INPUT) {
        innerEdges.push(edge);
        continue;
      }
      const source = entrySourceOf.get(node.id);
      if (source === undefined) throw new CompileError('missing-input', `${node.type} has no input`, node.id);
      innerEdges.push({ ...edge, source });
    }
  }

  // A composite's entry source may itself be a composite: resolve to its exit.
  const resolve = (id: string): string => exitOf.get(id) ?? id;
  const outerEdges = doc.edges
    .filter((edge) => !exitOf.has(edge.target))
    .map((edge) => ({ ...edge, source: resolve(edge.source) }));
  const rewiredInner = innerEdges.map((edge) => ({ ...edge, source: resolve(edge.source) }));
  return { ...doc, nodes, edges: [...rewiredInner, ...outerEdges] };
}
