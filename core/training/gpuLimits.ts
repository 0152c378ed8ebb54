import type { GraphDocument } from '../graph/schema';
import { inferGraph } from '../graph/infer';
import { elementCount } from '../graph/shape';
import { humanBytes } from './memoryEstimate';

/** The adapter limits that bound one tensor on a WebGPU device (bytes). */
export type GpuBufferLimits = { maxBufferSize: number; maxStorageBufferBindingSize: number };

const BYTES_PER_VALUE = 4;

/**
 * Why a graph cannot train on this GPU at this batch size, or null. WebGPU
 * keeps every tensor in one storage buffer, so the largest layer output
 * (× batch) and the largest weight must each fit the adapter's binding
 * limit; past it the device fails with an opaque validation error mid-step.
 * Total GPU memory is not exposed by WebGPU, so this is the one limit checked
 * before training; running out of memory later stops the run with a
 * resumable checkpoint.
 */
export function gpuBufferRefusal(
  doc: GraphDocument,
  batchSize: number,
  limits: GpuBufferLimits,
): { message: string; nodeId: string } | null {
  const limit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  const inference = inferGraph(doc);
  let worst: { nodeId: string; bytes: number; perSample: number; what: 'output' | 'weights' } | null = null;
  for (const id of inference.order) {
    const node = inference.nodes[id];
    const perSample = node?.shape ? elementCount(node.shape) * BYTES_PER_VALUE : 0;
    const output = perSample * batchSize;
    // A node's params bound its largest weight tensor from above.
    const weights = (node?.params ?? 0) * BYTES_PER_VALUE;
    if (output > limit && (worst === null || output > worst.bytes))
      worst = { nodeId: id, bytes: output, perSample, what: 'output' };
    if (weights > limit && (worst === null || weights > worst.bytes))
      worst = { nodeId: id, bytes: weights, perSample, what: 'weights' };
  }
  if (!worst) return null;
  const fits = worst.what === 'output' ? Math.floor(limit / worst.perSample) : 0;
  const fix =
    worst.what === 'output' && fits >= 1
      ? `lower the batch size to ${fits} or less, or train with --backend wasm`
      : 'make it smaller, or train with --backend wasm';
  return {
    nodeId: worst.nodeId,
    message:
      `Node '${worst.nodeId}' needs one ${humanBytes(worst.bytes)} GPU buffer for its ${worst.what}` +
      `${worst.what === 'output' ? ` at batch size ${batchSize}` : ''}, over this GPU's ` +
      `${humanBytes(limit)} limit per buffer: ${fix}.`,
  };
}
