import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from '../../../core/graph/document';
import type { TrainingSettings } from '../../../core/training/settings';
import { initBackend } from '../backends';
import { compileGraph } from '../compile';
import { fillBatch } from '../data';
import { decodeImage, toChannels } from '../data/decode';
import { createPredictor, type InferenceEngineName } from '../infer/engine';
import { applyWeights, readModelFolder } from './checkpoint';
import { readJson, RUN_FILES, type Normalisation } from './runFolder';

export interface Prediction {
  classes: { label: string; probability: number }[];
  /** The winning class. */
  top: string;
  /** The engine that ran the model (onnxruntime where it is equal to tfjs and faster). */
  engine: InferenceEngineName;
}

/**
 * Loads a finished run (graph snapshot + final weights) and classifies one
 * PNG/JPEG, resized to the input shape and normalised exactly as in training.
 * Rebuilding from the graph (rather than deserialising tfjs JSON) keeps the
 * custom layers and node names without a registry round trip.
 */
export async function predictImage(runDir: string, imageFile: string): Promise<Prediction> {
  await initBackend({ force: 'cpu' });
  const settings = await readJson<TrainingSettings>(join(runDir, RUN_FILES.settings));
  const norm = await readJson<Normalisation>(join(runDir, RUN_FILES.normalisation));
  const parsed = parseDocument(await readJson<unknown>(join(runDir, RUN_FILES.graph)));
  if (!parsed.ok) throw new Error(`${runDir}: the graph snapshot is not valid`);
  const artifacts = await readModelFolder(join(runDir, RUN_FILES.model)).catch(() => {
    throw new Error(`${runDir} has no final model (model/): did the run finish?`);
  });
  const compiled = compileGraph(parsed.document, { seed: settings.seed });
  const model = compiled.model;
  try {
    applyWeights(model, artifacts.weightSpecs, artifacts.weightData);
    const [height, width, channels] = norm.inputShape;
    if (channels !== 1 && channels !== 3)
      throw new Error(`cannot feed a picture to a ${channels}-channel input`);
    const image = decodeImage(new Uint8Array(await readFile(imageFile)), imageFile);
    const pixels = toChannels(image, height, width, channels);
    const batch = fillBatch(
      { images: pixels, labels: new Uint8Array(1), count: 1, shape: norm.inputShape },
      [0],
      { normalise: 'standard', stats: { mean: norm.mean, std: norm.std } },
    );
    const predictor = await createPredictor(compiled, parsed.document);
    const values = Array.from(await predictor.predict(batch.x, 1).finally(() => predictor.release()));
    const classes = values.map((probability, i) => ({ label: norm.classes[i] ?? String(i), probability }));
    const top = classes.reduce((a, b) => (b.probability > a.probability ? b : a));
    return { classes, top: top.label, engine: predictor.choice.engine };
  } finally {
    model.dispose();
  }
}
