import { join } from 'node:path';
import { expandComposites } from '../../../core/graph/expand';
import { parseDocument } from '../../../core/graph/document';
import { inferGraph } from '../../../core/graph/infer';
import type { GraphDocument } from '../../../core/graph/schema';
import type { TrainingSettings } from '../../../core/training/settings';
import { tf } from '../backends';
import { compileGraph, type CompiledGraph } from '../compile';
import type { ImageShape } from '../data';
import { applyWeights, readModelFolder } from '../train/checkpoint';
import { readJson, RUN_FILES, type Normalisation } from '../train/runFolder';

/** A finished run rebuilt for inspection: graph, settings, normalisation and the trained model. */
export interface LoadedRun {
  runDir: string;
  document: GraphDocument;
  /** Composites expanded: what the model was compiled from. */
  expanded: GraphDocument;
  settings: TrainingSettings;
  norm: Normalisation;
  compiled: CompiledGraph;
  inputShape: ImageShape;
}

export class InspectError extends Error {
  constructor(
    readonly code: 'not-found' | 'bad-request',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InspectError';
  }
}

/**
 * Rebuilds the model from the run's graph snapshot and loads the final
 * weights (model/), or, for a run that has none yet, the weights it was
 * initialised with: the views still work, they just show an untrained net.
 */
export async function loadRun(runDir: string): Promise<LoadedRun> {
  let rawGraph: unknown;
  try {
    rawGraph = await readJson<unknown>(join(runDir, RUN_FILES.graph));
  } catch {
    throw new InspectError('not-found', 'this run has no graph snapshot', 'runId');
  }
  const parsed = parseDocument(rawGraph);
  if (!parsed.ok) throw new InspectError('bad-request', 'the run’s graph snapshot is not valid', 'runId');
  const settings = await readJson<TrainingSettings>(join(runDir, RUN_FILES.settings));
  const norm = await readJson<Normalisation>(join(runDir, RUN_FILES.normalisation)).catch(() => {
    throw new InspectError(
      'not-found',
      'this run has not loaded its data yet (no normalisation.json)',
      'runId',
    );
  });
  const compiled = compileGraph(parsed.document, { seed: settings.seed });
  const artifacts = await readModelFolder(join(runDir, RUN_FILES.model)).catch(() => null);
  if (artifacts) applyWeights(compiled.model, artifacts.weightSpecs, artifacts.weightData);
  return {
    runDir,
    document: parsed.document,
    expanded: expandComposites(parsed.document),
    settings,
    norm,
    compiled,
    inputShape: norm.inputShape,
  };
}

/** The expanded node whose output is the given canvas node's output (a composite's last inner node). */
export function outputNodeOf(run: LoadedRun, nodeId: string): string {
  if (run.expanded.nodes.some((n) => n.id === nodeId && !n.group)) return nodeId;
  const inner = new Set(run.expanded.nodes.filter((n) => n.group?.id === nodeId).map((n) => n.id));
  if (inner.size === 0) {
    if (run.expanded.nodes.some((n) => n.id === nodeId)) return nodeId;
    throw new InspectError('not-found', `no node '${nodeId}' in this run’s graph`, 'nodeId');
  }
  // The inner node wired to something outside the group (or the graph's end) carries the composite's output.
  const leaving = run.expanded.edges.find((e) => inner.has(e.source) && !inner.has(e.target));
  if (leaving) return leaving.source;
  return [...inner].at(-1) ?? nodeId;
}

/** The tfjs layer holding a node's weights, or an error naming the node. */
export function layerOf(run: LoadedRun, nodeId: string): tf.layers.Layer {
  const name = run.compiled.layerNameOf(outputNodeOf(run, nodeId));
  try {
    return run.compiled.model.getLayer(name);
  } catch {
    throw new InspectError('not-found', `node '${nodeId}' has no layer in the compiled model`, 'nodeId');
  }
}

/** Output shapes (no batch dimension) of the canvas nodes, by core's shape inference. */
export function shapesOf(doc: GraphDocument): Map<string, number[] | null> {
  const inference = inferGraph(doc);
  const shapes = new Map<string, number[] | null>();
  for (const node of doc.nodes) shapes.set(node.id, inference.nodes[node.id]?.shape ?? null);
  return shapes;
}

/** Non-finite numbers cannot cross JSON; a diverged weight shows as 0 rather than breaking the view. */
export function finiteArray(values: ArrayLike<number>, length = values.length): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) {
    const v = values[i] ?? 0;
    out[i] = Number.isFinite(v) ? v : 0;
  }
  return out;
}
