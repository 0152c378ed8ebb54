import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { JSON_SIZE_LIMITS } from '../../../core/json/safeJson';
import { readJsonFile } from '../io/jsonFile';
import type { LoopState } from './loop';
import { restoreOptimizerState, saveOptimizerState, type OptimizerState } from './optimizer';

const RUN_FILE = { maxLength: JSON_SIZE_LIMITS.runFile };

/**
 * Checkpoints: one folder per completed epoch under `<run>/checkpoints/`,
 * built in a temp folder and renamed into place so a crash mid-write never
 * leaves a half checkpoint; `latest.json` (also replaced atomically) points
 * at the newest. Older ones are pruned, keeping the last two.
 */

const KEEP = 2;

export interface ModelArtifacts {
  /** The Keras-format topology tfjs produced (kept opaque). */
  modelTopology: unknown;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: Uint8Array;
}

/** Captures the model through tfjs's own save path (the same bytes a saved model holds). */
export async function captureModel(model: tf.LayersModel): Promise<ModelArtifacts> {
  let captured: ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = {
        modelTopology: artifacts.modelTopology ?? null,
        weightSpecs: artifacts.weightSpecs ?? [],
        weightData: joinWeightData(artifacts.weightData),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('tfjs did not hand over the model artifacts');
  return captured;
}

function joinWeightData(data: tf.io.WeightData | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return out;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Loads weights by name into a model built from the same graph. */
export function applyWeights(
  model: tf.LayersModel,
  specs: tf.io.WeightsManifestEntry[],
  data: Uint8Array,
): void {
  const named = tf.io.decodeWeights(toArrayBuffer(data), specs);
  try {
    model.loadWeights(named);
  } finally {
    for (const tensor of Object.values(named)) tensor.dispose();
  }
}

/** Writes files into a fresh temp folder beside `target`, then renames it over `target`. */
export async function writeDirAtomic(
  target: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await mkdir(temp, { recursive: true });
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(join(temp, name), content);
    await rm(target, { recursive: true, force: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function writeFileAtomicBytes(path: string, content: string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}

export interface Checkpoint {
  state: LoopState;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: Uint8Array;
  optimizer: OptimizerState;
  optimizerData: Float32Array;
}

const checkpointName = (epoch: number) => `epoch-${String(epoch).padStart(4, '0')}`;

export async function saveCheckpoint(
  runDir: string,
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  state: LoopState,
): Promise<string> {
  const dir = join(runDir, 'checkpoints');
  await mkdir(dir, { recursive: true });
  const artifacts = await captureModel(model);
  const saved = await saveOptimizerState(optimizer);
  const name = checkpointName(state.epoch);
  const optimizerBytes = new Uint8Array(saved.data.buffer, saved.data.byteOffset, saved.data.byteLength);
  await writeDirAtomic(join(dir, name), {
    'state.json': JSON.stringify(state, null, 2),
    'weights.json': JSON.stringify(artifacts.weightSpecs),
    'weights.bin': artifacts.weightData,
    'optimizer.json': JSON.stringify(saved.state),
    'optimizer.bin': optimizerBytes,
  });
  await writeFileAtomicBytes(join(dir, 'latest.json'), JSON.stringify({ name, epoch: state.epoch }));
  await pruneCheckpoints(dir, name);
  return join(dir, name);
}

async function pruneCheckpoints(dir: string, newest: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => /^epoch-\d+$/.test(n) && n <= newest).sort();
  for (const old of names.slice(0, Math.max(0, names.length - KEEP))) {
    await rm(join(dir, old), { recursive: true, force: true });
  }
}

async function readPointer(dir: string): Promise<string | null> {
  try {
    const pointer = (await readJsonFile(join(dir, 'latest.json'), RUN_FILE)) as { name?: unknown };
    return typeof pointer.name === 'string' && /^epoch-\d+$/.test(pointer.name) ? pointer.name : null;
  } catch {
    return null;
  }
}

/** Whether the run has a complete checkpoint to continue from, without reading its weights. */
export async function hasCheckpoint(runDir: string): Promise<boolean> {
  const name = await readPointer(join(runDir, 'checkpoints'));
  if (name === null) return false;
  return stat(join(runDir, 'checkpoints', name, 'state.json')).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The newest complete checkpoint of a run, or null when it has none. */
export async function loadLatestCheckpoint(runDir: string): Promise<Checkpoint | null> {
  const dir = join(runDir, 'checkpoints');
  const name = await readPointer(dir);
  if (name === null) return null;
  const at = join(dir, name);
  const optimizerBytes = await readFile(join(at, 'optimizer.bin'));
  const optimizerData = new Float32Array(optimizerBytes.byteLength / 4);
  new Uint8Array(optimizerData.buffer).set(optimizerBytes);
  return {
    state: (await readJsonFile(join(at, 'state.json'), RUN_FILE)) as LoopState,
    weightSpecs: (await readJsonFile(join(at, 'weights.json'), RUN_FILE)) as tf.io.WeightsManifestEntry[],
    weightData: new Uint8Array(await readFile(join(at, 'weights.bin'))),
    optimizer: (await readJsonFile(join(at, 'optimizer.json'), RUN_FILE)) as OptimizerState,
    optimizerData,
  };
}

/** Puts a model and a fresh optimizer back into the checkpointed state. */
export async function restoreCheckpoint(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  checkpoint: Checkpoint,
): Promise<LoopState> {
  applyWeights(model, checkpoint.weightSpecs, checkpoint.weightData);
  await restoreOptimizerState(optimizer, checkpoint.optimizer, checkpoint.optimizerData);
  return checkpoint.state;
}

/** Writes the final model as a tfjs LayersModel folder (model.json + weights.bin). */
export async function saveModelFolder(dir: string, model: tf.LayersModel): Promise<void> {
  const artifacts = await captureModel(model);
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: 'Deepwire',
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
  };
  await writeDirAtomic(dir, { 'model.json': JSON.stringify(modelJson), 'weights.bin': artifacts.weightData });
}

export async function readModelFolder(dir: string): Promise<ModelArtifacts> {
  const json = (await readJsonFile(join(dir, 'model.json'), { maxLength: JSON_SIZE_LIMITS.model })) as {
    modelTopology: unknown;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  return {
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData: new Uint8Array(await readFile(join(dir, 'weights.bin'))),
  };
}
