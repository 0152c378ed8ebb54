import { usedIds, uniqueIdIn } from './ids';
import type { GraphDocument, GraphEdge, GraphNode, Position } from './schema';

export type Box = { readonly width: number; readonly height: number };

/** A drawn layer node's usual size; callers that know the rendered sizes pass them. */
export const NODE_BOX: Box = { width: 190, height: 76 };

/** Space kept between a placed node and its neighbours. */
export const PLACEMENT_GAP = 40;

export type SizeOf = (nodeId: string) => Box;

export const defaultSize: SizeOf = () => NODE_BOX;

function overlaps(a: Position, aBox: Box, b: Position, bBox: Box): boolean {
  return (
    a.x < b.x + bBox.width && b.x < a.x + aBox.width && a.y < b.y + bBox.height && b.y < a.y + aBox.height
  );
}

/**
 * The nearest free place at or below `desired` (one row down at a time) where
 * a node of `box` touches none of `nodes`: new nodes never land on old ones.
 */
export function freeSpot(
  nodes: readonly GraphNode[],
  desired: Position,
  box: Box = NODE_BOX,
  sizeOf: SizeOf = defaultSize,
): Position {
  const padded = { width: box.width + PLACEMENT_GAP / 2, height: box.height + PLACEMENT_GAP / 2 };
  let spot = { ...desired };
  // Each collision moves below the node hit, so the loop ends within nodes.length + 1 steps.
  for (let i = 0; i <= nodes.length; i++) {
    const hit = nodes.find((n) => overlaps(spot, padded, n.position, sizeOf(n.id)));
    if (!hit) return spot;
    spot = { x: spot.x, y: hit.position.y + sizeOf(hit.id).height + PLACEMENT_GAP };
  }
  return spot;
}

/**
 * Makes a column of room for `width` at `x`: every node at or right of `x`
 * moves right together, so nothing that did not overlap before overlaps after.
 */
export function openColumn(
  nodes: readonly GraphNode[],
  x: number,
  width: number,
  except: ReadonlySet<string> = new Set(),
): GraphNode[] {
  return nodes.map((n) =>
    n.position.x >= x && !except.has(n.id)
      ? { ...n, position: { x: n.position.x + width, y: n.position.y } }
      : n,
  );
}

/**
 * Replaces source→target by source→n1→…→nk→target, keeping the edge's id and
 * target handle. The new nodes take the target's place in a row and
 * everything from the target rightwards moves along the flow to make room;
 * a graph drawn right-to-left or top-down gets them at the nearest free spot.
 */
export function spliceIntoEdge(
  doc: GraphDocument,
  edge: GraphEdge,
  chain: readonly ((id: string, position: Position) => GraphNode)[],
  bases: readonly string[],
  sizeOf: SizeOf = defaultSize,
): GraphDocument {
  if (chain.length === 0) return doc;
  const source = doc.nodes.find((n) => n.id === edge.source);
  const target = doc.nodes.find((n) => n.id === edge.target);
  if (!source || !target) return doc;
  const step = NODE_BOX.width + PLACEMENT_GAP;
  const room = step * chain.length;
  const flowsRight = target.position.x >= source.position.x + sizeOf(source.id).width;
  const start = flowsRight
    ? { x: target.position.x, y: target.position.y }
    : { x: source.position.x + sizeOf(source.id).width + PLACEMENT_GAP, y: source.position.y };
  const shifted = flowsRight ? openColumn(doc.nodes, start.x, room) : [...doc.nodes];
  const used = usedIds(doc);
  const added: GraphNode[] = [];
  for (const [i, make] of chain.entries()) {
    const desired = { x: start.x + i * step, y: start.y };
    const position = freeSpot([...shifted, ...added], desired, NODE_BOX, (id) =>
      added.some((n) => n.id === id) ? NODE_BOX : sizeOf(id),
    );
    added.push(make(uniqueIdIn(used, bases[i] ?? 'node'), position));
  }
  const ids = [edge.source, ...added.map((n) => n.id), edge.target];
  const replacement: GraphEdge[] = [];
  for (let i = 0; i + 1 < ids.length; i++) {
    const last = i + 2 === ids.length;
    const id = i === 0 ? edge.id : uniqueIdIn(used, `${edge.id}-${i}`);
    const handle = last && edge.targetHandle !== undefined ? { targetHandle: edge.targetHandle } : {};
    replacement.push({ id, source: ids[i]!, target: ids[i + 1]!, ...handle });
  }
  const edges = doc.edges.flatMap((e) => (e === edge ? replacement : [e]));
  return { ...doc, nodes: [...shifted, ...added], edges };
}
