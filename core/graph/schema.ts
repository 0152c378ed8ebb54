import { z } from 'zod';

/**
 * The serialized graph document, version 1. This is the file format (and the
 * only graph shape that crosses IPC): pure data, no functions, no UI state
 * beyond node positions. Runtime classes (tfjs layers, React nodes) live
 * elsewhere and are built from it.
 */
export const DOCUMENT_FORMAT = 'deepwire';
export const CURRENT_VERSION = 1;

/** Caps keep hostile documents from allocating absurd amounts of memory. */
export const LIMITS = {
  maxNodes: 20_000,
  maxEdges: 40_000,
  maxIdLength: 128,
  maxNameLength: 256,
  maxDimension: 65_536,
  maxUnits: 1_000_000,
} as const;

const positiveInt = (max: number = LIMITS.maxDimension) => z.number().int().min(1).max(max);
const nonNegativeInt = (max: number = LIMITS.maxDimension) => z.number().int().min(0).max(max);

/** `same` keeps ceil(N/S); `valid` adds none; a number is an explicit symmetric zero padding P. */
export const paddingSchema = z.union([z.literal('same'), z.literal('valid'), nonNegativeInt(4096)]);
export type Padding = z.infer<typeof paddingSchema>;

export const ACTIVATION_FUNCTIONS = [
  'identity',
  'binaryStep',
  'sigmoid',
  'tanh',
  'relu',
  'leakyRelu',
  'elu',
  'selu',
  'gelu',
  'softmax',
] as const;
export type ActivationFunction = (typeof ACTIVATION_FUNCTIONS)[number];

export const inputParams = z.object({
  height: positiveInt(),
  width: positiveInt(),
  channels: positiveInt(4096),
});
export const conv2dParams = z.object({
  filters: positiveInt(LIMITS.maxUnits),
  kernel: positiveInt(1024),
  stride: positiveInt(1024),
  padding: paddingSchema,
  dilation: positiveInt(1024),
  useBias: z.boolean(),
});
export const poolParams = z.object({
  pool: positiveInt(1024),
  stride: positiveInt(1024),
  padding: paddingSchema,
});
export const emptyParams = z.object({});
export const activationParams = z.object({
  fn: z.enum(ACTIVATION_FUNCTIONS),
  /** Negative slope for leaky ReLU, scale for ELU; ignored by the others. */
  alpha: z.number().finite().min(0).max(10),
});
export const batchNormParams = z.object({
  momentum: z.number().min(0).max(1),
  epsilon: z.number().gt(0).max(1),
});
/** AlexNet's local response normalisation: b = a / (bias + alpha * sum(a^2 over 2r+1 channels))^beta. */
export const lrnParams = z.object({
  depthRadius: nonNegativeInt(64),
  bias: z.number().finite(),
  alpha: z.number().finite(),
  beta: z.number().finite(),
});
export const denseParams = z.object({
  units: positiveInt(LIMITS.maxUnits),
  useBias: z.boolean(),
});
export const dropoutParams = z.object({
  rate: z.number().min(0).lt(1),
});
/**
 * Spatial zero padding, plus optional zero channels before/after: the
 * "identity with zero-padding" shortcut of ResNet option A needs the latter.
 */
export const zeroPad2dParams = z.object({
  top: nonNegativeInt(4096),
  bottom: nonNegativeInt(4096),
  left: nonNegativeInt(4096),
  right: nonNegativeInt(4096),
  channelsBefore: nonNegativeInt(4096),
  channelsAfter: nonNegativeInt(4096),
});
/** The classifier head: a fully-connected layer to `classes` units, softmax, trained with cross-entropy. */
export const outputParams = z.object({
  classes: positiveInt(LIMITS.maxUnits),
});
/**
 * n basic blocks (3×3 conv, BN, ReLU, 3×3 conv, BN, [+ shortcut], ReLU), He et al. 2016.
 * `residual: false` gives the plain stage of the same depth and width.
 */
export const residualStageParams = z.object({
  blocks: positiveInt(256),
  filters: positiveInt(LIMITS.maxUnits),
  firstStride: positiveInt(16),
  shortcut: z.enum(['identityPad', 'projection']),
  residual: z.boolean(),
});
/** k 3×3 same convs with ReLU, then 2×2 max pool at stride 2 (Simonyan & Zisserman). */
export const vggBlockParams = z.object({
  convs: positiveInt(64),
  filters: positiveInt(LIMITS.maxUnits),
  batchNorm: z.boolean(),
});

export const positionSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
});

const nodeId = z.string().min(1).max(LIMITS.maxIdLength);

/**
 * Set on the primitives produced by expanding a composite in place, so the
 * editor can collapse them back into the composite they came from.
 */
export const groupSchema = z.object({
  id: nodeId,
  type: z.enum(['residualStage', 'vggBlock']),
  params: z.union([residualStageParams, vggBlockParams]),
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
};

function nodeOf<T extends string, P extends z.ZodTypeAny>(type: T, params: P) {
  return z.object({ ...nodeBase, type: z.literal(type), params });
}

export const nodeSchema = z.discriminatedUnion('type', [
  nodeOf('input', inputParams),
  nodeOf('conv2d', conv2dParams),
  nodeOf('maxPool2d', poolParams),
  nodeOf('avgPool2d', poolParams),
  nodeOf('globalAvgPool2d', emptyParams),
  nodeOf('activation', activationParams),
  nodeOf('batchNorm', batchNormParams),
  nodeOf('lrn', lrnParams),
  nodeOf('dense', denseParams),
  nodeOf('flatten', emptyParams),
  nodeOf('dropout', dropoutParams),
  nodeOf('add', emptyParams),
  nodeOf('concat', emptyParams),
  nodeOf('zeroPad2d', zeroPad2dParams),
  nodeOf('output', outputParams),
  nodeOf('residualStage', residualStageParams),
  nodeOf('vggBlock', vggBlockParams),
]);

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
export type CompositeType = 'residualStage' | 'vggBlock';
export type PrimitiveNode = Exclude<GraphNode, { type: CompositeType }>;
export type Position = z.infer<typeof positionSchema>;

export const COMPOSITE_TYPES: readonly CompositeType[] = ['residualStage', 'vggBlock'];
export const NODE_TYPES: readonly NodeType[] = nodeSchema.options.map((o) => o.shape.type.value);

export function isComposite(node: GraphNode): node is Extract<GraphNode, { type: CompositeType }> {
  return node.type === 'residualStage' || node.type === 'vggBlock';
}

/** How many inputs a node takes: exact count, or a minimum for the variadic merge nodes. */
export function inputArity(type: NodeType): { min: number; max: number } {
  switch (type) {
    case 'input':
      return { min: 0, max: 0 };
    case 'add':
    case 'concat':
      return { min: 2, max: 64 };
    default:
      return { min: 1, max: 1 };
  }
}
