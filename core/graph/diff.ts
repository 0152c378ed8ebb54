import type { GraphDocument, GraphNode } from './schema';

/**
 * What changed between two graphs, matched by node id (templates and the
 * editor keep ids stable, so plain-20 vs ResNet-20 lines up stage by stage).
 * Pure, so the compare view and the CLI agree on what "different" means.
 */

export type ParamChange = { key: string; before: unknown; after: unknown };

export type NodeChange = {
  id: string;
  /** Set when the node kept its id but became another layer type. */
  typeChange?: { before: GraphNode['type']; after: GraphNode['type'] };
  params: ParamChange[];
};

export type GraphDiff = {
  added: string[];
  removed: string[];
  changed: NodeChange[];
  edgesAdded: string[];
  edgesRemoved: string[];
};

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function paramChanges(before: GraphNode, after: GraphNode): ParamChange[] {
  const a = before.params as Record<string, unknown>;
  const b = after.params as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changes = keys
    .filter((key) => !sameValue(a[key], b[key]))
    .map((key) => ({ key, before: a[key], after: b[key] }));
  if ((before.label ?? '') !== (after.label ?? '')) {
    changes.push({ key: 'label', before: before.label, after: after.label });
  }
  return changes;
}

/** An edge's identity is its endpoints, not its id: ids are generated and may differ for the same wire. */
function edgeKey(edge: { source: string; target: string }): string {
  return `${edge.source}→${edge.target}`;
}

export function diffGraphs(before: GraphDocument, after: GraphDocument): GraphDiff {
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const added = after.nodes.filter((n) => !beforeNodes.has(n.id)).map((n) => n.id);
  const removed = before.nodes.filter((n) => !afterNodes.has(n.id)).map((n) => n.id);
  const changed: NodeChange[] = [];
  for (const node of before.nodes) {
    const other = afterNodes.get(node.id);
    if (!other) continue;
    if (node.type !== other.type) {
      changed.push({ id: node.id, typeChange: { before: node.type, after: other.type }, params: [] });
      continue;
    }
    const params = paramChanges(node, other);
    if (params.length > 0) changed.push({ id: node.id, params });
  }
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  return {
    added,
    removed,
    changed,
    edgesAdded: [...afterEdges].filter((k) => !beforeEdges.has(k)),
    edgesRemoved: [...beforeEdges].filter((k) => !afterEdges.has(k)),
  };
}

export function isEmptyDiff(diff: GraphDiff): boolean {
  return (
    diff.added.length === 0 &&
    diff.removed.length === 0 &&
    diff.changed.length === 0 &&
    diff.edgesAdded.length === 0 &&
    diff.edgesRemoved.length === 0
  );
}

/** How a node should be marked on one side of a side-by-side view. */
export type DiffMark = 'added' | 'removed' | 'changed' | 'same';

export function markFor(diff: GraphDiff, nodeId: string, side: 'before' | 'after'): DiffMark {
  if (side === 'after' && diff.added.includes(nodeId)) return 'added';
  if (side === 'before' && diff.removed.includes(nodeId)) return 'removed';
  if (diff.changed.some((c) => c.id === nodeId)) return 'changed';
  return 'same';
}

function show(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value);
}

/** One line per difference, for the compare table and the CLI. */
export function describeDiff(diff: GraphDiff): string[] {
  if (isEmptyDiff(diff)) return ['identical graphs'];
  const lines: string[] = [];
  for (const id of diff.added) lines.push(`+ ${id}`);
  for (const id of diff.removed) lines.push(`− ${id}`);
  for (const change of diff.changed) {
    if (change.typeChange) {
      lines.push(`~ ${change.id}: ${change.typeChange.before} → ${change.typeChange.after}`);
      continue;
    }
    const params = change.params.map((p) => `${p.key} ${show(p.before)} → ${show(p.after)}`);
    lines.push(`~ ${change.id}: ${params.join(', ')}`);
  }
  if (diff.edgesAdded.length > 0) lines.push(`+ ${diff.edgesAdded.length} edge(s)`);
  if (diff.edgesRemoved.length > 0) lines.push(`− ${diff.edgesRemoved.length} edge(s)`);
  return lines;
}
