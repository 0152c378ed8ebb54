import type { GraphDocument, GraphEdge, GraphNode } from './schema';
import { isComposite } from './schema';
import { COMPOSITE_INPUT, buildComposite } from './composites';
import type { CompositeExpansion, CompositeNode } from './composites';
import { inferGraph } from './infer';
import { usedIds, uniqueIdIn } from './ids';

/**
 * Every composite replaced by its primitives, for compiling and exporting.
 * Ids are deterministic (`${compositeId}.b${i}.conv1`); each primitive keeps
 * `group` so the editor (and error messages) can point back at the composite.
 */
export function expandComposites(doc: GraphDocument): GraphDocument {
  if (!doc.nodes.some(isComposite)) return doc;
  return expandWhere(doc, () => true);
}

/** Expands one composite in place (editor), its primitives laid out left to right from its position. */
export function expandNode(doc: GraphDocument, nodeId: string): GraphDocument {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node || !isComposite(node)) return doc;
  return expandWhere(doc, (n) => n.id === nodeId);
}

function expandWhere(doc: GraphDocument, pick: (node: CompositeNode) => boolean): GraphDocument {
  const inference = inferGraph(doc);
  const expansions = new Map<string, CompositeExpansion>();
  for (const node of doc.nodes) {
    if (!isComposite(node) || !pick(node) || expansions.has(node.id)) continue;
    const firstInput = doc.edges.find((e) => e.target === node.id);
    const shape = firstInput ? (inference.nodes[firstInput.source]?.shape ?? null) : null;
    expansions.set(node.id, buildComposite(node, shape));
  }
  const nodes = doc.nodes.flatMap((n) => {
    const inner = expansions.get(n.id)?.nodes;
    if (!inner) return [n];
    // Freezing a composite freezes every primitive it expands to.
    return n.trainable === false ? inner.map((child) => ({ ...child, trainable: false })) : inner;
  });
  const resolve = (id: string) => expansions.get(id)?.exit ?? id;
  const used = usedIds(doc);
  const edges: GraphEdge[] = [];
  for (const edge of doc.edges) {
    if (!expansions.has(edge.target)) edges.push({ ...edge, source: resolve(edge.source) });
  }
  for (const [id, expansion] of expansions) {
    const external = doc.edges.filter((e) => e.target === id);
    let placeholder = 0;
    for (const inner of expansion.edges) {
      if (inner.source !== COMPOSITE_INPUT) {
        edges.push(inner);
        continue;
      }
      // The composite's input fans out to every primitive that reads it; the first keeps each edge's id.
      for (const outside of external) {
        const edgeId = placeholder === 0 ? outside.id : uniqueIdIn(used, `${outside.id}.${placeholder}`);
        edges.push({ id: edgeId, source: resolve(outside.source), target: inner.target });
      }
      placeholder++;
    }
  }
  return { ...doc, nodes, edges };
}

/**
 * The inverse of expandNode: the primitives whose `group.id` is `groupId`
 * become the composite again, at its saved position. Edges from outside into
 * the group join into one per source; edges leaving it start at the composite.
 */
export function collapseGroup(doc: GraphDocument, groupId: string): GraphDocument {
  const members = doc.nodes.filter((n) => n.group?.id === groupId);
  const group = members[0]?.group;
  if (!group) return doc;
  const found = compositeFromGroup(group);
  if (!found) return doc;
  const composite = members.every((n) => n.trainable === false) ? { ...found, trainable: false } : found;
  const isMember = new Set(members.map((n) => n.id));
  const nodes: GraphNode[] = [];
  for (const node of doc.nodes) {
    if (!isMember.has(node.id)) nodes.push(node);
    else if (node === members[0]) nodes.push(composite);
  }
  const edges: GraphEdge[] = [];
  const joinedSources = new Set<string>();
  for (const edge of doc.edges) {
    const fromInside = isMember.has(edge.source);
    const toInside = isMember.has(edge.target);
    if (fromInside && toInside) continue;
    if (toInside) {
      if (joinedSources.has(edge.source)) continue;
      joinedSources.add(edge.source);
      edges.push({ id: edge.id, source: edge.source, target: groupId });
    } else {
      edges.push(fromInside ? { ...edge, source: groupId } : edge);
    }
  }
  return { ...doc, nodes, edges };
}

function compositeFromGroup(group: NonNullable<GraphNode['group']>): CompositeNode | null {
  const label = group.label === undefined ? {} : { label: group.label };
  const position = { x: group.position.x, y: group.position.y };
  const p = group.params;
  if (group.type === 'residualStage' && 'blocks' in p) {
    return { id: group.id, type: 'residualStage', params: p, position, ...label };
  }
  if (group.type === 'vggBlock' && 'convs' in p) {
    return { id: group.id, type: 'vggBlock', params: p, position, ...label };
  }
  return null;
}
