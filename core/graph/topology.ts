import type { GraphDocument, GraphEdge, GraphNode } from './schema';

/**
 * The structural view of a document every analysis shares: nodes by id
 * (first occurrence wins when ids repeat), the edges into and out of each
 * node (only edges whose both ends exist, in document order), a
 * topological order and the cycles that keep some nodes out of it.
 */
export type GraphIndex = {
  nodeById: Map<string, GraphNode>;
  incoming: Map<string, GraphEdge[]>;
  outgoing: Map<string, GraphEdge[]>;
  /** Topological, stable in document order; nodes on cycles are omitted, nodes downstream of them kept. */
  order: string[];
  /** Each strongly connected component that forms a cycle (including a self-loop), in document order. */
  cycles: string[][];
};

export function indexGraph(doc: GraphDocument): GraphIndex {
  const nodeById = new Map<string, GraphNode>();
  const incoming = new Map<string, GraphEdge[]>();
  const outgoing = new Map<string, GraphEdge[]>();
  for (const node of doc.nodes) {
    if (nodeById.has(node.id)) continue;
    nodeById.set(node.id, node);
    incoming.set(node.id, []);
    outgoing.set(node.id, []);
  }
  for (const edge of doc.edges) {
    const into = incoming.get(edge.target);
    const outOf = outgoing.get(edge.source);
    if (!into || !outOf) continue;
    into.push(edge);
    outOf.push(edge);
  }
  const ids = [...nodeById.keys()];
  const order = kahn(ids, incoming, outgoing, () => true);
  if (order.length === ids.length) return { nodeById, incoming, outgoing, order, cycles: [] };

  const ordered = new Set(order);
  const leftover = ids.filter((id) => !ordered.has(id));
  const cycles = findCycles(leftover, outgoing);
  const onCycle = new Set(cycles.flat());
  const rest = leftover.filter((id) => !onCycle.has(id));
  const restSet = new Set(rest);
  order.push(...kahn(rest, incoming, outgoing, (source) => restSet.has(source)));
  return { nodeById, incoming, outgoing, order, cycles };
}

/**
 * Kahn's algorithm over `ids`, counting only edges whose source passes
 * `counts`. Among ready nodes the earliest in the document goes first, so
 * the order reads like the file (and like a Keras summary).
 */
function kahn(
  ids: string[],
  incoming: Map<string, GraphEdge[]>,
  outgoing: Map<string, GraphEdge[]>,
  counts: (source: string) => boolean,
): string[] {
  const rank = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) rank.set(ids[i]!, i);
  // Pending in-degrees by document rank: an array, so the hot loop does no string hashing.
  const pending = new Int32Array(ids.length);
  const ready = new MinHeap();
  for (let i = 0; i < ids.length; i++) {
    let n = 0;
    for (const e of incoming.get(ids[i]!) ?? []) if (rank.has(e.source) && counts(e.source)) n++;
    pending[i] = n;
    if (n === 0) ready.push(i);
  }
  const order: string[] = [];
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    const id = ids[i]!;
    order.push(id);
    if (!counts(id)) continue;
    for (const edge of outgoing.get(id) ?? []) {
      const target = rank.get(edge.target);
      if (target === undefined) continue;
      if (--pending[target]! === 0) ready.push(target);
    }
  }
  return order;
}

/** A binary min-heap of document indices. */
class MinHeap {
  private readonly items: number[] = [];

  push(value: number): void {
    const a = this.items;
    a.push(value);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && a[l]! < a[m]!) m = l;
      if (r < a.length && a[r]! < a[m]!) m = r;
      if (m === i) break;
      [a[m], a[i]] = [a[i]!, a[m]!];
      i = m;
    }
    return top;
  }
}

/** Tarjan's strongly connected components, iterative (graphs can be deep), restricted to `ids`. */
function findCycles(ids: string[], outgoing: Map<string, GraphEdge[]>): string[][] {
  const members = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const edges = outgoing.get(frame.id) ?? [];
      let edge: GraphEdge | undefined;
      while (frame.next < edges.length && !edge) {
        const candidate = edges[frame.next++]!;
        if (members.has(candidate.target)) edge = candidate;
      }
      if (edge) {
        const target = edge.target;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          frames.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const selfLoop = (outgoing.get(frame.id) ?? []).some((e) => e.target === frame.id);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  }
  const position = new Map(ids.map((id, i) => [id, i]));
  const byDocOrder = (a: string, b: string) => position.get(a)! - position.get(b)!;
  return components.map((c) => c.sort(byDocOrder)).sort((a, b) => byDocOrder(a[0]!, b[0]!));
}
