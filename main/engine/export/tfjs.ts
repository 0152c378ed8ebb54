import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { JSON_SIZE_LIMITS } from '../../../core/json/safeJson';
import { tf } from '../backends/tf';
import '../compile/layers';
import { readJsonFile } from '../io/jsonFile';
import { maxAbsDiff, type CheckBatch } from './run';
import type { Verification } from './types';

export const TFJS_WEIGHTS_FILE = 'group1-shard1of1.bin';

/** Builds `dir` as a temp sibling and renames it into place, so a failed export leaves nothing half-written. */
export async function writeFolderAtomic(dir: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(dir), `.${basename(dir)}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(temp, { recursive: true });
  try {
    await write(temp);
    await rm(dir, { recursive: true, force: true });
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * model.json + one weight shard through tfjs's own save path; `userDefinedMetadata`
 * (tfjs's field for it, returned by `model.getUserDefinedMetadata()`) carries the preprocessing.
 */
export async function writeTfjs(
  model: tf.LayersModel,
  dir: string,
  userDefinedMetadata?: Record<string, unknown>,
): Promise<string[]> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const parts = data === undefined ? [] : Array.isArray(data) ? data : [data];
      const bytes = Buffer.concat(parts.map((p) => new Uint8Array(p)));
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: 'Deepwire',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        ...(userDefinedMetadata ? { userDefinedMetadata } : {}),
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
      await writeFile(join(dir, TFJS_WEIGHTS_FILE), bytes);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return ['model.json', TFJS_WEIGHTS_FILE];
}

/** tf.loadLayersModel over files on disk (tfjs-node's file:// handler is not installed everywhere). */
export async function loadTfjsFolder(dir: string): Promise<tf.LayersModel> {
  const json = (await readJsonFile(join(dir, 'model.json'), { maxLength: JSON_SIZE_LIMITS.model })) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest)
    for (const path of group.paths) buffers.push(await readFile(join(dir, basename(path))));
  const weightData = new Uint8Array(Buffer.concat(buffers)).buffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData,
    }),
  );
}

export async function verifyTfjs(dir: string, batch: CheckBatch): Promise<Verification> {
  const check = 'TF.js: tf.loadLayersModel reload';
  const model = await loadTfjsFolder(dir);
  try {
    const out = tf.tidy(() => {
      const y = model.predict(tf.tensor4d(batch.x, batch.shape));
      return Array.isArray(y) ? new Float32Array(0) : new Float32Array(y.dataSync());
    });
    return { check, ran: true, maxAbsDiff: maxAbsDiff(out, batch.expected) };
  } finally {
    model.dispose();
  }
}
