import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { GraphDocument, Position } from '../../../core/graph/schema';
import type { Size } from '../store/types';

/** Used for nodes React Flow has not measured yet (e.g. off-screen ones). */
export const DEFAULT_NODE_SIZE: Size = { width: 190, height: 76 };

const LAYERED_LEFT_TO_RIGHT = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.spacing.nodeNode': '28',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  // Long chains (LeNet, VGG) wrap into rows instead of one thin line across the screen.
  'elk.layered.wrapping.strategy': 'MULTI_EDGE',
} as const;

/** Width / height the wrapped layout aims for: roughly the canvas' own shape. */
export const DEFAULT_ASPECT_RATIO = 1.8;

/** The ELK input for a document: one box per node, one edge per wire (pure, tested). */
export function buildElkGraph(
  doc: GraphDocument,
  measured: Readonly<Record<string, Size>>,
  aspectRatio = DEFAULT_ASPECT_RATIO,
): ElkNode {
  const ids = new Set(doc.nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: { ...LAYERED_LEFT_TO_RIGHT, 'elk.aspectRatio': aspectRatio.toFixed(2) },
    children: doc.nodes.map((node) => {
      const size = measured[node.id] ?? DEFAULT_NODE_SIZE;
      return { id: node.id, width: size.width, height: size.height };
    }),
    edges: doc.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/** Reads node positions out of ELK's result. */
export function positionsFromElk(result: ElkNode): Record<string, Position> {
  const positions: Record<string, Position> = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}

let elk: InstanceType<typeof ELK> | null = null;

/** Runs the layered layout (left → right); the ELK instance is created on first use. */
export async function computeLayout(
  doc: GraphDocument,
  measured: Readonly<Record<string, Size>>,
  aspectRatio = DEFAULT_ASPECT_RATIO,
): Promise<Record<string, Position>> {
  elk ??= new ELK();
  const result = await elk.layout(buildElkGraph(doc, measured, aspectRatio));
  return positionsFromElk(result);
}
