import { tf } from '../../backends/tf';
import { compileGraph } from '../../compile';
import { applyWeights } from '../../train/checkpoint';
import { importKeras } from '../../import/keras';
import { maxAbsDiff, type CheckBatch } from '../run';
import type { Verification } from '../types';

const CHECK = 'Keras: model.keras read back (config + HDF5 weights) and run in TF.js';

/**
 * No Keras runtime ships here, so the .keras file is checked by reading it
 * back through Deepwire's own (allow-listed) Keras importer and running it.
 */
export async function verifyKerasNumerically(file: string, batch: CheckBatch): Promise<Verification> {
  const imported = await importKeras(file);
  const { model } = compileGraph(imported.document, { seed: 0 });
  try {
    applyWeights(model, imported.weights.specs, imported.weights.data);
    const out = tf.tidy(() => {
      const y = model.predict(tf.tensor4d(batch.x, batch.shape));
      return Array.isArray(y) ? new Float32Array(0) : new Float32Array(y.dataSync());
    });
    return { check: CHECK, ran: true, maxAbsDiff: maxAbsDiff(out, batch.expected) };
  } finally {
    model.dispose();
  }
}
