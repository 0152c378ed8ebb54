import type { GraphDocument, GraphEdge, GraphNode, ParamsOf, Position } from './schema';
import { DEFAULT_PARAMS } from './defaults';
import { inferGraph } from './infer';
import { spliceIntoEdge as splice } from './placement';
import type { Shape } from './shape';

export type Fix =
  | { kind: 'insertFlatten'; edgeId: string; label: string }
  | { kind: 'projectionShortcut'; addNodeId: string; edgeId: string; label: string }
  | { kind: 'zeroPadShortcut'; addNodeId: string; edgeId: string; label: string };

export type EdgeShape = { edge: GraphEdge; shape: Shape | null };

/** How a shortcut tensor must change to match the main path of an `add`. */
type ShortcutPlan = { stride: number; filters: number; channelsIn: number };

/**
 * The reference input of an `add` is its main path: the smallest spatial
 * size and, among those, the most channels. A shortcut can be fixed when a
 * whole-number stride maps its size onto the reference's.
 */
function planShortcut(inputs: readonly EdgeShape[], edgeId: string): ShortcutPlan | null {
  const images: { edge: GraphEdge; shape: [number, number, number] }[] = [];
  for (const { edge, shape } of inputs) {
    if (!shape || shape.length !== 3) return null;
    images.push({ edge, shape: [shape[0]!, shape[1]!, shape[2]!] });
  }
  const reference = images.reduce<(typeof images)[number] | null>((best, x) => {
    if (!best) return x;
    const area = x.shape[0] * x.shape[1];
    const bestArea = best.shape[0] * best.shape[1];
    return area < bestArea || (area === bestArea && x.shape[2] > best.shape[2]) ? x : best;
  }, null);
  const shortcut = images.find((x) => x.edge.id === edgeId);
  if (!reference || !shortcut || shortcut === reference) return null;
  const [h, w, c] = shortcut.shape;
  const [rh, rw, rc] = reference.shape;
  for (let stride = 1; stride <= h; stride++) {
    if (Math.ceil(h / stride) === rh && Math.ceil(w / stride) === rw) {
      return stride === 1 && c === rc ? null : { stride, filters: rc, channelsIn: c };
    }
  }
  return null;
}

/** The one-click fixes for an `add` whose inputs differ: one pair per mismatched shortcut edge. */
export function shortcutFixes(addNodeId: string, inputs: readonly EdgeShape[]): Fix[] {
  const fixes: Fix[] = [];
  for (const { edge } of inputs) {
    const plan = planShortcut(inputs, edge.id);
    if (!plan) continue;
    const { stride, filters, channelsIn } = plan;
    fixes.push({
      kind: 'projectionShortcut',
      addNodeId,
      edgeId: edge.id,
      label: `Insert a 1×1 projection on the shortcut (conv 1×1, stride ${stride}, ${filters} filters + batch norm)`,
    });
    if (channelsIn <= filters) {
      const extra = filters - channelsIn;
      const steps = [
        stride > 1 ? `subsample by ${stride}` : '',
        extra > 0 ? `add ${extra} zero channels` : '',
      ]
        .filter(Boolean)
        .join(', ');
      fixes.push({
        kind: 'zeroPadShortcut',
        addNodeId,
        edgeId: edge.id,
        label: `Zero-pad the shortcut (${steps})`,
      });
    }
  }
  return fixes;
}

export function flattenFix(edgeId: string): Fix {
  return { kind: 'insertFlatten', edgeId, label: 'Insert a Flatten layer before it' };
}

type NewNode = { base: string; make: (id: string, position: Position) => GraphNode };

/**
 * Pure: returns a new document with the fix applied, or the same document
 * when the fix no longer applies (the graph changed since it was offered).
 * Inserted nodes get unique ids and sit along the edge they split.
 */
export function applyFix(doc: GraphDocument, fix: Fix): GraphDocument {
  const edge = doc.edges.find((e) => e.id === fix.edgeId);
  if (!edge) return doc;
  if (fix.kind === 'insertFlatten') {
    return spliceIntoEdge(doc, edge, [node('flatten', 'flatten', DEFAULT_PARAMS.flatten)]);
  }
  if (edge.target !== fix.addNodeId) return doc;
  const inference = inferGraph(doc);
  const inputs = doc.edges
    .filter((e) => e.target === fix.addNodeId)
    .map((e) => ({ edge: e, shape: inference.nodes[e.source]?.shape ?? null }));
  const plan = planShortcut(inputs, edge.id);
  if (!plan) return doc;
  const { stride, filters, channelsIn } = plan;
  if (fix.kind === 'projectionShortcut') {
    return spliceIntoEdge(doc, edge, [
      node('projection', 'conv2d', {
        filters,
        kernel: 1,
        stride,
        padding: 'valid',
        dilation: 1,
        useBias: false,
      }),
      node('projectionBn', 'batchNorm', DEFAULT_PARAMS.batchNorm),
    ]);
  }
  if (channelsIn > filters) return doc;
  const extra = filters - channelsIn;
  const before = Math.floor(extra / 2);
  const chain: NewNode[] = [];
  if (stride > 1) chain.push(node('subsample', 'maxPool2d', { pool: 1, stride, padding: 'valid' }));
  if (extra > 0) {
    const pad = {
      top: 0,
      bottom: 0,
      left: 0,
      right: 0,
      channelsBefore: before,
      channelsAfter: extra - before,
    };
    chain.push(node('channelPad', 'zeroPad2d', pad));
  }
  return spliceIntoEdge(doc, edge, chain);
}

function node<T extends GraphNode['type']>(base: string, type: T, params: ParamsOf<T>): NewNode {
  return { base, make: (id, position) => ({ id, type, params, position }) as GraphNode };
}

/** Splices the chain into the edge along the flow (see placement.ts), never on top of a node. */
function spliceIntoEdge(doc: GraphDocument, edge: GraphEdge, chain: NewNode[]): GraphDocument {
  return splice(
    doc,
    edge,
    chain.map((c) => c.make),
    chain.map((c) => c.base),
  );
}
