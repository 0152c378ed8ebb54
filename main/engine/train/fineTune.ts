import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expandComposites } from '../../../core/graph/expand';
import type { GraphDocument } from '../../../core/graph/schema';
import type { CompiledGraph } from '../compile';
import { readModelFolder } from './checkpoint';
import { TrainingFailure } from './control';
import { RUN_FILES } from './runFolder';

/**
 * Freezes every layer of the nodes marked `trainable: false` (a frozen
 * composite's primitives included, and helper layers such as `<id>__pad`):
 * their weights leave `trainableWeights`, so the optimizer, weight decay and
 * gradient norms never see them. A frozen batch norm also runs in inference
 * mode while training (Keras's rule for BatchNormalization with trainable
 * False): it normalises with its moving statistics and never updates them,
 * so every number in a frozen node stays as loaded. Returns the frozen layer names.
 */
export function freezeNodes(compiled: CompiledGraph, doc: GraphDocument): string[] {
  const frozen = new Set(
    expandComposites(doc)
      .nodes.filter((n) => n.trainable === false)
      .map((n) => n.id),
  );
  if (frozen.size === 0) return [];
  const names: string[] = [];
  for (const layer of compiled.model.layers) {
    const nodeId = compiled.nodeIdOfLayer(layer.name);
    if (nodeId === undefined || !frozen.has(nodeId)) continue;
    layer.trainable = false;
    if (layer.getClassName() === 'BatchNormalization') {
      const call = layer.call.bind(layer);
      layer.call = (inputs, kwargs) => call(inputs, { ...kwargs, training: false });
    }
    names.push(layer.name);
  }
  return names;
}

export type InitialWeights = { loaded: number; total: number; skipped: string[] };

/**
 * Loads another run's final weights (a trained run, or an imported model kept
 * as a run) into a freshly compiled model: each weight whose layer name and
 * shape match is copied, the rest keep their seeded initialisation (a new
 * classifier head, say). `sourceRun` is a run id in the same runs folder.
 */
export async function loadInitialWeights(
  model: tf.LayersModel,
  runDir: string,
  sourceRun: string,
): Promise<InitialWeights> {
  const sourceDir = join(dirname(runDir), sourceRun);
  const artifacts = await readModelFolder(join(sourceDir, RUN_FILES.model)).catch(() => {
    throw new TrainingFailure(
      'data',
      `settings.initFrom: run '${sourceRun}' has no final model to start from (did it finish?)`,
    );
  });
  const named = tf.io.decodeWeights(new Uint8Array(artifacts.weightData).buffer, artifacts.weightSpecs);
  const skipped: string[] = [];
  let loaded = 0;
  let total = 0;
  try {
    for (const layer of model.layers) {
      for (const weight of layer.weights) {
        total++;
        const source = named[weight.originalName];
        if (!source || !tf.util.arraysEqual(source.shape, weight.shape as number[])) {
          skipped.push(weight.originalName);
          continue;
        }
        weight.write(source);
        loaded++;
      }
    }
  } finally {
    for (const tensor of Object.values(named)) tensor.dispose();
  }
  if (loaded === 0)
    throw new TrainingFailure(
      'data',
      `settings.initFrom: no weight of run '${sourceRun}' matches this graph's layer names and shapes`,
    );
  return { loaded, total, skipped };
}
