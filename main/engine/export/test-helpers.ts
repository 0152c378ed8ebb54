import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GraphBuilder } from '../../../core/graph/builder';
import type { GraphDocument } from '../../../core/graph/schema';
import { createRng } from '../../../core/random';
import { initBackend } from '../backends';
import { tf } from '../backends/tf';
import { compileGraph } from '../compile';
import { saveModelFolder } from '../train/checkpoint';
import { RUN_FILES } from '../train/runFolder';

/**
 * A run folder as training leaves it, without training: the graph compiled
 * with a seed, then every bias and batch-norm statistic perturbed (seeded) so
 * that exports which drop or misplace one of them cannot pass by accident.
 */
export async function writeFakeRun(runDir: string, doc: GraphDocument, seed = 3): Promise<void> {
  await initBackend({ force: 'cpu' });
  await mkdir(runDir, { recursive: true });
  const { model } = compileGraph(doc, { seed });
  const rng = createRng(seed + 1);
  for (const layer of model.layers) {
    for (const variable of layer.weights) {
      const name = variable.originalName;
      const kind = name.slice(name.lastIndexOf('/') + 1);
      if (kind === 'kernel') continue;
      const values = new Float32Array(variable.shape.reduce<number>((a, b) => a * (b ?? 1), 1));
      for (let i = 0; i < values.length; i++) {
        const u = rng.next();
        values[i] = kind === 'moving_variance' || kind === 'gamma' ? 0.5 + u : (u - 0.5) * 0.4;
      }
      const tensor = tf.tensor(
        values,
        variable.shape.map((d) => d ?? 1),
      );
      variable.write(tensor);
      tensor.dispose();
    }
  }
  await writeFile(join(runDir, RUN_FILES.graph), JSON.stringify(doc));
  await writeFile(join(runDir, RUN_FILES.settings), JSON.stringify({ seed }));
  await saveModelFolder(join(runDir, RUN_FILES.model), model);
  model.dispose();
}

/**
 * Dilated convolutions in every padding form (compiled to Deepwire>DilatedConv2D):
 * 'same' with dilation 2, 'valid' with dilation 3, and explicit padding with
 * dilation 2 and no bias (padding 1 for a 5-wide dilated window, so it cannot
 * be read back as 'same').
 */
export function dilatedConvGraph(): GraphDocument {
  const g = new GraphBuilder('dilated convolutions');
  g.add('input', { height: 14, width: 14, channels: 3 }, { id: 'in' });
  g.add('conv2d', { filters: 4, kernel: 3, stride: 1, padding: 'same', dilation: 2 }, { id: 'd2-same' });
  g.add('activation', { fn: 'relu' }, { id: 'relu' });
  g.add('conv2d', { filters: 5, kernel: 3, stride: 1, padding: 'valid', dilation: 3 }, { id: 'd3-valid' });
  g.add(
    'conv2d',
    { filters: 5, kernel: 3, stride: 1, padding: 1, dilation: 2, useBias: false },
    { id: 'd2-explicit' },
  );
  g.add('flatten', {}, { id: 'flatten' });
  g.add('output', { classes: 4 }, { id: 'out' });
  return g.build();
}
