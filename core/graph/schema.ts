import { z } from 'zod';
import { LIMITS } from './params';
import { COMPOSITE_DESCRIPTORS, NODE_DESCRIPTORS } from './nodes';

/**
 * The serialized graph document, version 1. This is the file format (and the
 * only graph shape that crosses IPC): pure data, no functions, no UI state
 * beyond node positions. Runtime classes (tfjs layers, React nodes) live
 * elsewhere and are built from it.
 */
export const DOCUMENT_FORMAT = 'deepwire';
export const CURRENT_VERSION = 1;

export { LIMITS, paddingSchema, ACTIVATION_FUNCTIONS } from './params';
export type { Padding, ActivationFunction } from './params';

export const positionSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
});

const nodeId = z.string().min(1).max(LIMITS.maxIdLength);

const compositeTypes = COMPOSITE_DESCRIPTORS.map((d) => d.type);
const compositeParams = COMPOSITE_DESCRIPTORS.map((d) => d.params);

/**
 * Set on the primitives produced by expanding a composite in place, so the
 * editor can collapse them back into the composite they came from.
 */
export const groupSchema = z.object({
  id: nodeId,
  type: z.enum(compositeTypes as unknown as Tuple<(typeof compositeTypes)[number]>),
  params: z.union(compositeParams as unknown as DescriptorParams<typeof COMPOSITE_DESCRIPTORS>),
  position: positionSchema,
  /** The composite's own label, so collapsing restores it. */
  label: z.string().max(LIMITS.maxNameLength).optional(),
});

const nodeBase = {
  id: nodeId,
  position: positionSchema,
  /** Optional user label shown instead of the type name. */
  label: z.string().max(LIMITS.maxNameLength).optional(),
  group: groupSchema.optional(),
  /**
   * false freezes the node for training: its weights get no updates and a
   * batch norm keeps (and normalises with) its moving statistics. Absent = true.
   */
  trainable: z.boolean().optional(),
};

function nodeOf<T extends string, P extends z.ZodObject>(type: T, params: P) {
  return z.object({ ...nodeBase, type: z.literal(type), params });
}

type AnyDescriptor = (typeof NODE_DESCRIPTORS)[number];
type Tuple<T> = readonly [T, ...T[]];
type DescriptorParams<L extends readonly AnyDescriptor[]> = { -readonly [K in keyof L]: L[K]['params'] };
type NodeSchemas<L extends readonly AnyDescriptor[]> = {
  -readonly [K in keyof L]: ReturnType<typeof nodeOf<L[K]['type'], L[K]['params']>>;
};

/** One object schema per descriptor, discriminated by `type`. */
export const nodeSchema = z.discriminatedUnion(
  'type',
  NODE_DESCRIPTORS.map((d) => nodeOf(d.type, d.params)) as unknown as NodeSchemas<typeof NODE_DESCRIPTORS>,
);

export const edgeSchema = z.object({
  id: z.string().min(1).max(LIMITS.maxIdLength),
  source: nodeId,
  target: nodeId,
  /** Multi-input nodes (`add`, `concat`) take inputs in edge order; the handle is kept for the editor. */
  targetHandle: z.string().max(LIMITS.maxIdLength).optional(),
});

export const documentSchema = z.object({
  format: z.literal(DOCUMENT_FORMAT),
  version: z.literal(CURRENT_VERSION),
  /** The graph's identity, kept through renames and Save As: runs are matched to the open graph by it, not by name. */
  id: z.string().min(1).max(LIMITS.maxIdLength).optional(),
  name: z.string().max(LIMITS.maxNameLength),
  nodes: z.array(nodeSchema).max(LIMITS.maxNodes),
  edges: z.array(edgeSchema).max(LIMITS.maxEdges),
});

export type GraphNode = z.infer<typeof nodeSchema>;
export type GraphEdge = z.infer<typeof edgeSchema>;
export type GraphDocument = z.infer<typeof documentSchema>;
export type NodeType = GraphNode['type'];
export type NodeOfType<T extends NodeType> = Extract<GraphNode, { type: T }>;
export type ParamsOf<T extends NodeType> = NodeOfType<T>['params'];
export type CompositeType = (typeof COMPOSITE_DESCRIPTORS)[number]['type'];
export type PrimitiveNode = Exclude<GraphNode, { type: CompositeType }>;
export type Position = z.infer<typeof positionSchema>;

export const NODE_TYPES: readonly NodeType[] = NODE_DESCRIPTORS.map((d) => d.type);

export function isComposite(node: GraphNode): node is Extract<GraphNode, { type: CompositeType }> {
  return (compositeTypes as readonly string[]).includes(node.type);
}

const ARITY = Object.fromEntries(NODE_DESCRIPTORS.map((d) => [d.type, d.arity])) as Record<
  NodeType,
  { min: number; max: number }
>;

/** How many inputs a node takes: exact count, or a minimum for the variadic merge nodes. */
export function inputArity(type: NodeType): { min: number; max: number } {
  return ARITY[type];
}
