import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GraphBuilder } from '../../../core/graph/builder';
import type { GraphDocument } from '../../../core/graph/schema';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../../../core/training/settings';
import { tf } from '../backends';
import { compileGraph, type CompiledGraph } from '../compile';
import { saveModelFolder } from '../train/checkpoint';
import { RUN_FILES, type Normalisation } from '../train/runFolder';

export const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** 8×8 gray input, a 2-filter 3×3 conv, ReLU, flatten, 10-way output. */
export function tinyConvNet(): GraphDocument {
  const b = new GraphBuilder('tiny conv');
  b.add('input', { height: 8, width: 8, channels: 1 }, { id: 'input' });
  b.add('conv2d', { filters: 2, kernel: 3, padding: 'same', useBias: false }, { id: 'conv' });
  b.add('activation', { fn: 'relu' }, { id: 'relu' });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('output', { classes: 10 }, { id: 'output' });
  return b.build();
}

/** The primer's f = Wx + b on an 8×8 gray picture. */
export function tinyLinear(): GraphDocument {
  const b = new GraphBuilder('tiny linear');
  b.add('input', { height: 8, width: 8, channels: 1 }, { id: 'input' });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('output', { classes: 10 }, { id: 'output' });
  return b.build();
}

/**
 * Writes a run folder as training leaves it (graph, settings,
 * normalisation, model/) with weights set by `setWeights`; the stats are
 * mean 0, std 1, so an input pixel's float value is byte/255.
 */
export async function writeTestRun(
  runDir: string,
  doc: GraphDocument,
  setWeights: (compiled: CompiledGraph) => void,
  extra: { metrics?: string; settings?: Partial<TrainingSettings> } = {},
): Promise<void> {
  const settings: TrainingSettings = {
    ...DEFAULT_SETTINGS,
    dataset: 'digits',
    limit: 200,
    ...extra.settings,
  };
  const input = doc.nodes.find((n) => n.type === 'input');
  if (input?.type !== 'input') throw new Error('test graph needs an input');
  const { height, width, channels } = input.params;
  const norm: Normalisation = {
    inputShape: [height, width, channels],
    mean: new Array<number>(channels).fill(0),
    std: new Array<number>(channels).fill(1),
    classes: DIGIT_CLASSES,
  };
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, RUN_FILES.graph), JSON.stringify(doc));
  await writeFile(join(runDir, RUN_FILES.settings), JSON.stringify(settings));
  await writeFile(join(runDir, RUN_FILES.normalisation), JSON.stringify(norm));
  await writeFile(join(runDir, RUN_FILES.metrics), extra.metrics ?? '');
  const compiled = compileGraph(doc, { seed: settings.seed });
  try {
    setWeights(compiled);
    await saveModelFolder(join(runDir, RUN_FILES.model), compiled.model);
  } finally {
    compiled.model.dispose();
  }
}

/** Sets a layer's weights from nested arrays, disposing the temporaries. */
export function setLayerWeights(compiled: CompiledGraph, nodeId: string, values: tf.Tensor[]): void {
  compiled.model.getLayer(compiled.layerNameOf(nodeId)).setWeights(values);
  for (const v of values) v.dispose();
}
