import { analyzeGraph, type Problem } from '../../../core/graph/validate';
import type { GraphDocument, GraphNode } from '../../../core/graph/schema';
import type { Analysis } from './types';

/**
 * True when two documents differ only in node positions (a drag), so the
 * previous analysis still holds. Unchanged nodes keep their identity, which
 * makes this a cheap O(n) reference walk.
 */
export function sameStructure(a: GraphDocument, b: GraphDocument): boolean {
  if (a === b) return true;
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i] as GraphNode;
    const y = b.nodes[i] as GraphNode;
    if (x === y) continue;
    if (
      x.id !== y.id ||
      x.type !== y.type ||
      x.params !== y.params ||
      x.label !== y.label ||
      x.group !== y.group
    ) {
      return false;
    }
  }
  return true;
}

/** Memoises `analyzeGraph` across position-only changes. */
export function createAnalyzer(): (doc: GraphDocument) => Analysis {
  let lastDoc: GraphDocument | null = null;
  let last: Analysis | null = null;
  return (doc) => {
    if (last && lastDoc && sameStructure(lastDoc, doc)) {
      lastDoc = doc;
      return last;
    }
    last = analyzeGraph(doc);
    lastDoc = doc;
    return last;
  };
}

const problemIndex = new WeakMap<readonly Problem[], Map<string, Problem[]>>();

/** Problems grouped by node id (cached per analysis, so node components can select cheaply). */
export function problemsByNode(problems: readonly Problem[]): Map<string, Problem[]> {
  let index = problemIndex.get(problems);
  if (!index) {
    index = new Map();
    for (const problem of problems) {
      if (!problem.nodeId) continue;
      const list = index.get(problem.nodeId) ?? [];
      list.push(problem);
      index.set(problem.nodeId, list);
    }
    problemIndex.set(problems, index);
  }
  return index;
}

export type NodeStatus = 'ok' | 'warning' | 'error';

export function statusOf(problems: readonly Problem[] | undefined): NodeStatus {
  if (!problems || problems.length === 0) return 'ok';
  return problems.some((p) => p.severity === 'error') ? 'error' : 'warning';
}

const nodeIndex = new WeakMap<readonly GraphNode[], Map<string, GraphNode>>();

/** Node lookup by id, cached per nodes array. */
export function nodesById(nodes: readonly GraphNode[]): Map<string, GraphNode> {
  let index = nodeIndex.get(nodes);
  if (!index) {
    index = new Map(nodes.map((n) => [n.id, n]));
    nodeIndex.set(nodes, index);
  }
  return index;
}
