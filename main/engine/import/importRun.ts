import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { serializeDocument } from '../../../core/graph/document';
import { inferGraph } from '../../../core/graph/infer';
import type { GraphDocument } from '../../../core/graph/schema';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../../../core/training/settings';
import {
  deepwireVersion,
  newRunId,
  RUN_FILES,
  sha256,
  type Normalisation,
  type Provenance,
} from '../train/runFolder';
import { normalisationOf } from '../export/preprocessing';
import { ImportError } from './errors';
import type { ImportResult } from './spec';

/**
 * An imported model becomes a finished run: the graph snapshot, the imported
 * weights as the final model (model/model.json + weights.bin, the layout
 * training writes), default settings, the file's preprocessing (or, when it
 * carries none, identity normalisation: pixels / 255), provenance marked
 * `imported`, and an empty metrics log. Everything
 * that opens a run (inspection, evaluation, export, predict) rebuilds the
 * model from the snapshot and loads model/ by weight name, so it works on it.
 */

export const SOURCE_FORMATS: Record<ImportResult['source'], string> = {
  tfjs: 'TensorFlow.js LayersModel',
  keras: 'Keras 3 (.keras)',
  'keras-json': 'Keras JSON config',
  onnx: 'ONNX',
};

export type ImportedProvenance = Provenance & {
  imported: {
    source: ImportResult['source'];
    file: string;
    format: string;
    /** Whether normalisation.json came from the file's metadata or assumes none (pixels / 255). */
    preprocessing: 'from-file' | 'assumed-none';
  };
};

export type ImportedRun = { runId: string; runDir: string };

export interface WriteImportedRunOptions {
  /** The imported file's base name (never a full path: provenance may be shown to a browser). */
  fileName: string;
  /** Swappable for tests. */
  runId?: string;
}

function inputShapeOf(doc: GraphDocument): [number, number, number] {
  const inputs = doc.nodes.filter((n) => n.type === 'input');
  const input = inputs[0];
  if (inputs.length !== 1 || !input || input.type !== 'input')
    throw new ImportError(`the imported graph has ${inputs.length} inputs; a run needs exactly one`);
  return [input.params.height, input.params.width, input.params.channels];
}

/** Width of the graph's single output, labelled 0…n-1 (class names are not in the model files). */
function classLabelsOf(doc: GraphDocument): string[] {
  const inference = inferGraph(doc);
  const feeding = new Set(doc.edges.map((e) => e.source));
  const sinks = doc.nodes.filter((n) => !feeding.has(n.id));
  const shape = sinks.length === 1 && sinks[0] ? inference.nodes[sinks[0].id]?.shape : null;
  const width = shape && shape.length === 1 ? (shape[0] ?? 0) : 0;
  if (width < 1) throw new ImportError('the imported graph does not end in a single vector output');
  return Array.from({ length: width }, (_, i) => String(i));
}

/** The model folder as `saveModelFolder` lays it out; the topology is rebuilt from the graph snapshot. */
function modelFiles(result: ImportResult): Record<string, string | Uint8Array> {
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'Deepwire import',
    convertedBy: 'Deepwire',
    // Deepwire rebuilds the model from graph.deepwire.json; the source's own topology is not kept.
    modelTopology: null,
    weightsManifest: [{ paths: ['weights.bin'], weights: result.weights.specs }],
  };
  return { 'model.json': JSON.stringify(modelJson), 'weights.bin': result.weights.data };
}

/**
 * Writes `<runsDir>/<runId>/` for an imported model. Built in a hidden temp
 * folder (not a valid run id, so never listed) and renamed into place: a
 * failure leaves no partial run behind.
 */
export async function writeImportedRun(
  runsDir: string,
  result: ImportResult,
  opts: WriteImportedRunOptions,
): Promise<ImportedRun> {
  const inputShape = inputShapeOf(result.document);
  const classes = classLabelsOf(result.document);
  const runId = opts.runId ?? newRunId();
  const runDir = join(runsDir, runId);
  const graphText = serializeDocument(result.document);
  const settings: TrainingSettings = { ...DEFAULT_SETTINGS };
  const carried = result.preprocessing?.classes.length === classes.length ? result.preprocessing : null;
  const norm: Normalisation = carried
    ? normalisationOf(carried)
    : {
        inputShape,
        mean: new Array<number>(inputShape[2]).fill(0),
        std: new Array<number>(inputShape[2]).fill(1),
        classes,
      };
  const provenance: ImportedProvenance = {
    runId,
    createdAt: new Date().toISOString(),
    graphHash: sha256(graphText),
    datasetHash: '',
    dataset: settings.dataset,
    seed: settings.seed,
    backend: 'imported',
    versions: { node: process.version, tfjs: tf.version.tfjs, deepwire: await deepwireVersion() },
    imported: {
      source: result.source,
      file: opts.fileName,
      format: SOURCE_FORMATS[result.source],
      preprocessing: carried ? 'from-file' : 'assumed-none',
    },
  };

  await mkdir(runsDir, { recursive: true });
  const temp = join(runsDir, `.${runId}.import.tmp`);
  await mkdir(join(temp, RUN_FILES.model), { recursive: true });
  try {
    await writeFile(join(temp, RUN_FILES.graph), graphText);
    await writeFile(join(temp, RUN_FILES.settings), JSON.stringify(settings, null, 2));
    await writeFile(join(temp, RUN_FILES.normalisation), JSON.stringify(norm));
    await writeFile(join(temp, RUN_FILES.provenance), JSON.stringify(provenance, null, 2));
    await writeFile(join(temp, RUN_FILES.metrics), '');
    for (const [name, content] of Object.entries(modelFiles(result)))
      await writeFile(join(temp, RUN_FILES.model, name), content);
    await rename(temp, runDir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return { runId, runDir };
}
