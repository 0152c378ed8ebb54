import type { GraphDocument, Position } from '../../../core/graph/schema';

export type PreviewBox = { readonly id: string; readonly x: number; readonly y: number };
export type PreviewLine = {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
};
export type Preview = {
  readonly boxes: PreviewBox[];
  readonly lines: PreviewLine[];
  readonly width: number;
  readonly height: number;
};

/**
 * Positions for the preview: the document's own when they are spread out,
 * else a quick layering by longest path from the inputs (templates may be
 * built without positions and laid out by ELK only when loaded).
 */
export function previewPositions(doc: GraphDocument): Map<string, Position> {
  const spread =
    new Set(doc.nodes.map((n) => `${n.position.x},${n.position.y}`)).size > Math.min(1, doc.nodes.length - 1);
  if (spread) return new Map(doc.nodes.map((n) => [n.id, n.position]));
  const incoming = new Map<string, string[]>();
  for (const e of doc.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: the validator reports it; the preview just stops
    visiting.add(id);
    const d = Math.max(-1, ...(incoming.get(id) ?? []).map(depthOf)) + 1;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  const positions = new Map<string, Position>();
  for (const node of doc.nodes) {
    const d = depthOf(node.id);
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    positions.set(node.id, { x: d * 250, y: row * 100 });
  }
  return positions;
}

/** Boxes and lines scaled into a `width`×`height` viewBox. */
export function buildPreview(doc: GraphDocument, width = 240, height = 120): Preview {
  const positions = previewPositions(doc);
  const xs = [...positions.values()].map((p) => p.x);
  const ys = [...positions.values()].map((p) => p.y);
  const minX = Math.min(...xs, 0);
  const minY = Math.min(...ys, 0);
  const spanX = Math.max(...xs, minX + 1) - minX || 1;
  const spanY = Math.max(...ys, minY + 1) - minY || 1;
  const pad = 8;
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  // Centre the drawing: a chain is wide and flat, a branchy net taller.
  const offsetX = (width - 2 * pad - spanX * scale) / 2;
  const offsetY = (height - 2 * pad - (Math.max(...ys) - minY) * scale) / 2;
  const place = (p: Position) => ({
    x: pad + offsetX + (p.x - minX) * scale,
    y: pad + offsetY + (p.y - minY) * scale,
  });
  const boxes = doc.nodes.map((n) => ({ id: n.id, ...place(positions.get(n.id) ?? n.position) }));
  const at = new Map(boxes.map((b) => [b.id, b]));
  const lines = doc.edges.flatMap((e) => {
    const a = at.get(e.source);
    const b = at.get(e.target);
    return a && b ? [{ x1: a.x, y1: a.y, x2: b.x, y2: b.y }] : [];
  });
  return { boxes, lines, width, height };
}
