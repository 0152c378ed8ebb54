import type { GraphDocument } from './schema';

/**
 * An id not yet used by any node or edge of `doc`: `base` itself when free,
 * else `base-2`, `base-3`, … Node and edge ids share one namespace so a
 * problem or selection id is never ambiguous.
 */
export function uniqueId(doc: GraphDocument, base: string): string {
  return uniqueIdIn(usedIds(doc), base);
}

export function usedIds(doc: GraphDocument): Set<string> {
  const used = new Set<string>();
  for (const node of doc.nodes) used.add(node.id);
  for (const edge of doc.edges) used.add(edge.id);
  return used;
}

/** Like `uniqueId`, against a caller-maintained set (which it updates), for minting many ids at once. */
export function uniqueIdIn(used: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
