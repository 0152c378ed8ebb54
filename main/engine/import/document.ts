import { parseDocument } from '../../../core/graph/document';
import type { GraphDocument, GraphEdge, GraphNode } from '../../../core/graph/schema';
import { analyzeGraph, isError } from '../../../core/graph/validate';
import { ImportError } from './errors';
import type { ImportedNode, ImportedTensor, ImportedWeights } from './spec';

const COLUMN = 220;
const ROW = 140;

/**
 * Left-to-right layered layout: a node's column is its longest distance
 * from an input, rows stack within a column in graph order. Enough for an
 * imported graph to be readable; the editor's ELK layout can refine it.
 */
function layout(nodes: readonly ImportedNode[]): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>();
  const rows = new Map<number, number>();
  const at = new Map<string, { x: number; y: number }>();
  for (const { node, inputs } of nodes) {
    const d = inputs.reduce((m, id) => Math.max(m, (depth.get(id) ?? 0) + 1), 0);
    depth.set(node.id, d);
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    at.set(node.id, { x: d * COLUMN, y: row * ROW });
  }
  return at;
}

/** Builds, lays out and validates the document; packs the weights for applyWeights. */
export function toDocument(
  name: string,
  nodes: readonly ImportedNode[],
  tensors: readonly ImportedTensor[],
): { document: GraphDocument; weights: ImportedWeights } {
  const positions = layout(nodes);
  const edges: GraphEdge[] = [];
  for (const { node, inputs } of nodes)
    inputs.forEach((source, i) =>
      edges.push({
        id: `e${edges.length + 1}`,
        source,
        target: node.id,
        ...(inputs.length > 1 ? { targetHandle: `in${i}` } : {}),
      }),
    );
  const raw = {
    format: 'deepwire',
    version: 1,
    name: name.slice(0, 256),
    nodes: nodes.map(
      ({ node }) => ({ ...node, position: positions.get(node.id) ?? { x: 0, y: 0 } }) as GraphNode,
    ),
    edges,
  };
  const parsed = parseDocument(raw);
  if (!parsed.ok)
    throw new ImportError(`The imported graph is not a valid Deepwire document: ${parsed.error.message}`);
  const problems = analyzeGraph(parsed.document).problems.filter(isError);
  if (problems.length > 0) {
    const listed = problems.slice(0, 3).map((p) => `${p.nodeId ? `${p.nodeId}: ` : ''}${p.message}`);
    throw new ImportError(`The imported graph does not validate: ${listed.join('; ')}`);
  }
  return { document: parsed.document, weights: packWeights(tensors) };
}

function packWeights(tensors: readonly ImportedTensor[]): ImportedWeights {
  const total = tensors.reduce((n, t) => n + t.values.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  const specs: ImportedWeights['specs'] = [];
  for (const t of tensors) {
    data.set(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength), offset);
    offset += t.values.byteLength;
    specs.push({ name: t.name, shape: t.shape, dtype: 'float32' });
  }
  return { specs, data };
}
