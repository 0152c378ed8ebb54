import { expandComposites } from '../graph/expand';
import type { GraphDocument } from '../graph/schema';
import { inferGraph } from '../graph/infer';
import { elementCount } from '../graph/shape';
import type { OptimizerName } from './settings';

/** float32 everywhere (the engine trains in float32 on every backend). */
const BYTES_PER_VALUE = 4;

/** Per-weight state each optimizer keeps (tf.js: momentum's velocity, RMSProp's two accumulators, Adam's two moments). */
export const OPTIMIZER_SLOTS: Record<OptimizerName, number> = {
  sgd: 0,
  momentum: 1,
  nesterov: 1,
  rmsprop: 2,
  adam: 2,
};

/**
 * Activations are kept from the forward pass for the backward one, which
 * makes a gradient of the same size: two copies of every layer output.
 */
const ACTIVATION_COPIES = 2;

export type MemoryEstimate = {
  weightsBytes: number;
  /** The node holding the most weights, and how many bytes of them (null for a graph without weights). */
  largestNode: { nodeId: string; bytes: number } | null;
  /** One gradient per trainable weight. */
  gradientBytes: number;
  optimizerBytes: number;
  /** Every node's output (and its gradient) × the batch size. */
  activationBytes: number;
  totalBytes: number;
};

/**
 * Values each node's output holds per sample, by node id. A composite counts
 * every primitive inside it (a residual stage keeps all its convs', norms' and
 * adds' outputs for the backward pass, not just its last one).
 */
export function activationValuesPerSample(doc: GraphDocument): Map<string, number> {
  const expanded = expandComposites(doc);
  const inference = inferGraph(expanded);
  const onCanvas = new Set(doc.nodes.map((n) => n.id));
  const values = new Map<string, number>();
  for (const node of expanded.nodes) {
    const shape = inference.nodes[node.id]?.shape;
    if (!shape) continue;
    const owner = onCanvas.has(node.id) ? node.id : (node.group?.id ?? node.id);
    values.set(owner, (values.get(owner) ?? 0) + elementCount(shape));
  }
  return values;
}

/** Bytes one node's outputs take in a training step: kept for backward, plus their gradient, × the batch. */
export function trainingActivationBytes(valuesPerSample: number, batchSize: number): number {
  return valuesPerSample * batchSize * ACTIVATION_COPIES * BYTES_PER_VALUE;
}

/** Bytes of one sample's output of a node at inference (float32). */
export function activationBytesPerSample(valuesPerSample: number): number {
  return valuesPerSample * BYTES_PER_VALUE;
}

/**
 * A pre-flight estimate of what training `doc` needs, from core's shape
 * inference alone (nothing is built): weights, gradients, optimizer slots,
 * and activations × batch. A lower bound: backends add workspace and the
 * data pipeline its batches, so callers warn well below physical memory.
 */
export function estimateTrainingMemory(
  doc: GraphDocument,
  settings: { batchSize: number; optimizer: OptimizerName },
): MemoryEstimate {
  const inference = inferGraph(doc);
  let valuesPerSample = 0;
  for (const values of activationValuesPerSample(doc).values()) valuesPerSample += values;
  let largestNode: MemoryEstimate['largestNode'] = null;
  for (const id of inference.order) {
    const node = inference.nodes[id];
    const bytes = (node?.params ?? 0) * BYTES_PER_VALUE;
    if (bytes > 0 && (largestNode === null || bytes > largestNode.bytes)) largestNode = { nodeId: id, bytes };
  }
  const weightsBytes = inference.totalParams * BYTES_PER_VALUE;
  const gradientBytes = inference.trainableParams * BYTES_PER_VALUE;
  const optimizerBytes = inference.trainableParams * OPTIMIZER_SLOTS[settings.optimizer] * BYTES_PER_VALUE;
  const activationBytes = trainingActivationBytes(valuesPerSample, settings.batchSize);
  return {
    weightsBytes,
    largestNode,
    gradientBytes,
    optimizerBytes,
    activationBytes,
    totalBytes: weightsBytes + gradientBytes + optimizerBytes + activationBytes,
  };
}

/** Above this share of the machine's memory, training is likely to fail or swap. */
export const MEMORY_WARNING_FRACTION = 0.5;

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/** "24 GB", "1.6 TB": binary multiples, one decimal below 10, as people read memory sizes. */
export function humanBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/**
 * Why training must not start, or null: the weights alone exceed the
 * machine's memory, so compiling would only fail with an unreadable
 * allocation error. Names the node that holds most of them.
 */
export function memoryRefusal(
  estimate: MemoryEstimate,
  totalMemoryBytes: number,
): { message: string; nodeId?: string } | null {
  if (estimate.weightsBytes <= totalMemoryBytes) return null;
  const largest = estimate.largestNode;
  const where = largest
    ? ` Node '${largest.nodeId}' holds ~${humanBytes(largest.bytes)} of them: make it smaller or shrink its input.`
    : '';
  return {
    message:
      `This model is too large to train: it needs ~${humanBytes(estimate.weightsBytes)} for weights; ` +
      `this machine has ${humanBytes(totalMemoryBytes)}.${where}`,
    ...(largest ? { nodeId: largest.nodeId } : {}),
  };
}

/** The pre-training warning, or null when the estimate fits comfortably in `totalMemoryBytes`. */
export function memoryWarning(
  estimate: MemoryEstimate,
  totalMemoryBytes: number,
  batchSize: number,
  fraction = MEMORY_WARNING_FRACTION,
): string | null {
  if (estimate.totalBytes <= totalMemoryBytes * fraction) return null;
  return (
    `This model needs about ${gib(estimate.totalBytes)} to train at batch size ${batchSize} ` +
    `(activations ${gib(estimate.activationBytes)}), over ${Math.round(fraction * 100)}% of this machine's ` +
    `${gib(totalMemoryBytes)}. Training may run out of memory: lower the batch size or make the model smaller.`
  );
}

const OOM_PHRASES =
  /out of memory|allocation failed|Array buffer allocation|Cannot allocate|Maximum memory size/i;
/** TensorFlow's own "OOM when allocating…": as a whole, upper-case word only ("zoom" is not one). */
const OOM_WORD = /\b(OOM|ENOMEM)\b/;

export function isOutOfMemory(message: string): boolean {
  return OOM_PHRASES.test(message) || OOM_WORD.test(message);
}

/** The message for an out-of-memory failure during training: says what happened and what to change. */
export function outOfMemoryReason(detail: string): string {
  const cause = detail.trim().slice(0, 300);
  return (
    'Training ran out of memory. Lower the batch size (or make the model smaller) and train again.' +
    (cause ? ` (${cause})` : '')
  );
}
