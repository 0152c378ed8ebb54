import type { CallResponse } from '../../../core/ipc/contract';
import { MAX_FLOATS } from '../../../core/ipc/insightContract';
import { finiteArray, InspectError, layerOf, outputNodeOf, shapesOf, type LoadedRun } from './loadRun';

/** The layer's first weight (its kernel) as plain numbers with its shape; no tensor outlives the call. */
function kernelOf(run: LoadedRun, nodeId: string): { values: Float32Array; shape: number[] } | null {
  const weights = layerOf(run, nodeId).getWeights();
  const kernel = weights[0];
  if (!kernel) return null;
  // getWeights returns the layer's own variables' values: reading them allocates nothing to dispose.
  return { values: kernel.dataSync() as Float32Array, shape: kernel.shape };
}

/**
 * A conv node's kernels, reordered from tfjs's [row][col][in][filter] to
 * [filter][row][col][in] so each filter is one contiguous picture. Capped at
 * MAX_FLOATS: `shown` says how many filters fit.
 */
export function extractFilters(run: LoadedRun, nodeId: string): CallResponse<'runs.filters'> {
  const kernel = kernelOf(run, nodeId);
  if (!kernel || kernel.shape.length !== 4) {
    throw new InspectError('bad-request', `node '${nodeId}' is not a convolution with a kernel`, 'nodeId');
  }
  const [kh = 0, kw = 0, inChannels = 0, filters = 0] = kernel.shape;
  const perFilter = kh * kw * inChannels;
  const shown = Math.min(filters, Math.floor(MAX_FLOATS / Math.max(perFilter, 1)));
  const out = new Float32Array(shown * perFilter);
  for (let f = 0; f < shown; f++) {
    for (let i = 0; i < perFilter; i++) out[f * perFilter + i] = kernel.values[i * filters + f] ?? 0;
  }
  return {
    nodeId,
    kernel: [kh, kw],
    inChannels,
    filters,
    shown,
    rgb: inChannels === 3,
    weights: finiteArray(out),
  };
}

/** The [h, w, c] image a dense/output node sees through a Flatten, when it is a gray or RGB picture. */
export function templateImageShape(run: LoadedRun, nodeId: string): [number, number, number] | null {
  const target = outputNodeOf(run, nodeId);
  const node = run.expanded.nodes.find((n) => n.id === target);
  if (!node || (node.type !== 'dense' && node.type !== 'output')) return null;
  const incoming = run.expanded.edges.find((e) => e.target === target);
  const flatten = run.expanded.nodes.find((n) => n.id === incoming?.source);
  if (flatten?.type !== 'flatten') return null;
  const feeding = run.expanded.edges.find((e) => e.target === flatten.id);
  const shape = feeding ? shapesOf(run.expanded).get(feeding.source) : null;
  if (!shape || shape.length !== 3) return null;
  const [h = 0, w = 0, c = 0] = shape;
  return c === 1 || c === 3 ? [h, w, c] : null;
}

/**
 * The primer's templates: a dense kernel is [features, units]; column u,
 * read in the Flatten's HWC order, is unit u's weight on every pixel, so it
 * reshapes to the image. Layout [class][row][col][channel].
 */
export function extractTemplates(run: LoadedRun, nodeId: string): CallResponse<'runs.templates'> {
  const shape = templateImageShape(run, nodeId);
  if (!shape) {
    throw new InspectError(
      'bad-request',
      `node '${nodeId}' is not a dense/output layer fed by a flattened gray or RGB image`,
      'nodeId',
    );
  }
  const kernel = kernelOf(run, nodeId);
  if (!kernel || kernel.shape.length !== 2)
    throw new InspectError('bad-request', 'no dense kernel', 'nodeId');
  const [features = 0, units = 0] = kernel.shape;
  const shown = Math.min(units, Math.floor(MAX_FLOATS / Math.max(features, 1)));
  const out = new Float32Array(shown * features);
  for (let u = 0; u < shown; u++) {
    for (let f = 0; f < features; f++) out[u * features + f] = kernel.values[f * units + u] ?? 0;
  }
  const classes = Array.from({ length: shown }, (_, u) => run.norm.classes[u] ?? `unit ${u}`);
  return { nodeId, shape, classes, shown, weights: finiteArray(out) };
}

/** Whether tfjs kept the kernel as a 4-D conv weight: what makes a node's filters drawable. */
export function hasConvKernel(run: LoadedRun, nodeId: string): boolean {
  try {
    const kernel = layerOf(run, nodeId).getWeights()[0];
    return kernel !== undefined && kernel.shape.length === 4;
  } catch {
    return false;
  }
}
