import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isInsideFolder } from '../io/insideFolder';
import { PREPROCESSING_KEY } from '../export/preprocessing';
import { checkedCount, ImportError, IMPORT_LIMITS } from './errors';
import { readJsonCapped, realFileInside } from './read';
import { readKerasModelConfig } from './kerasJson';
import { kerasLayersToNodes, type LayerWeights } from './kerasLayers';
import { toDocument } from './document';
import type { ImportResult } from './spec';

type Manifest = { paths: string[]; weights: { name: string; shape: number[]; dtype?: string }[] }[];

/** A weight path from the manifest, refused unless it names a file inside the model's folder. */
export function safeWeightPath(dir: string, path: unknown): string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 1024)
    throw new ImportError('A weight file path in model.json is missing or too long');
  if (
    isAbsolute(path) ||
    /^[a-zA-Z]:/.test(path) ||
    path.includes('\\') ||
    path.split('/').includes('..') ||
    path.includes('\0')
  )
    throw new ImportError(`Weight path '${path}' points outside the model folder; refused`);
  const full = resolve(dir, path);
  if (!isInsideFolder(resolve(dir), full))
    throw new ImportError(`Weight path '${path}' points outside the model folder; refused`);
  return full;
}

/** A named model.json is the model wherever it really lives; a folder's model.json must really be in that folder. */
async function modelJsonOf(path: string): Promise<{ dir: string; file: string }> {
  const real = await realpath(path).catch(() => {
    throw new ImportError(`${basename(path)} was not found`);
  });
  if (basename(path) === 'model.json' || path.endsWith('.json')) return { dir: dirname(real), file: real };
  return { dir: real, file: await realFileInside(real, join(real, 'model.json'), 'model.json') };
}

/** A TF.js LayersModel folder (or its model.json): topology, manifest checks, then the weights. */
export async function importTfjs(path: string): Promise<ImportResult> {
  const { dir, file } = await modelJsonOf(path);
  const json = (await readJsonCapped(file, 'model.json')) as {
    modelTopology?: unknown;
    weightsManifest?: unknown;
    userDefinedMetadata?: Record<string, unknown>;
  };
  if (!json || typeof json !== 'object' || !json.modelTopology)
    throw new ImportError('model.json has no modelTopology');
  const model = readKerasModelConfig(json.modelTopology);
  const manifest = (json.weightsManifest ?? []) as Manifest;
  if (!Array.isArray(manifest)) throw new ImportError('model.json weightsManifest is not a list');

  // Every declaration is checked against the caps and the files' real sizes before a byte is read.
  const specs: { name: string; shape: number[]; count: number }[] = [];
  const files: string[] = [];
  let total = 0;
  for (const group of manifest) {
    if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights))
      throw new ImportError('A weightsManifest group is malformed');
    for (const p of group.paths) files.push(safeWeightPath(dir, p));
    for (const w of group.weights) {
      if (!w || typeof w.name !== 'string') throw new ImportError('A weight in the manifest has no name');
      if ((w.dtype ?? 'float32') !== 'float32')
        throw new ImportError(`Weight '${w.name}' is ${String(w.dtype)}; only float32 is supported`);
      const count = checkedCount(w.shape, `Weight '${w.name}'`);
      total += count;
      if (total > IMPORT_LIMITS.maxParams)
        throw new ImportError(
          `The weights exceed the ${IMPORT_LIMITS.maxParams.toLocaleString('en')}-parameter limit`,
        );
      specs.push({ name: w.name, shape: w.shape, count });
    }
  }
  const real: string[] = [];
  let bytes = 0;
  for (const named of files) {
    const f = await realFileInside(dir, named, `Weight file ${basename(named)}`);
    real.push(f);
    bytes += (await stat(f)).size;
  }
  if (bytes !== total * 4)
    throw new ImportError(
      `The weight files hold ${bytes} bytes but the manifest declares ${total * 4} (truncated or mismatched shapes)`,
    );
  const data = Buffer.concat(await Promise.all(real.map((f) => readFile(f))));
  const byName = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const s of specs) {
    const values = new Float32Array(s.count);
    for (let i = 0; i < s.count; i++) values[i] = data.readFloatLE(offset + i * 4);
    offset += s.count * 4;
    byName.set(s.name, { shape: s.shape, values });
  }
  const weightsOf = (layer: { name: string }): LayerWeights =>
    specs
      .filter((s) => s.name.startsWith(`${layer.name}/`))
      .map((s) => byName.get(s.name))
      .filter((w) => w !== undefined);
  const { nodes, tensors } = kerasLayersToNodes(model.layers, weightsOf, model.output);
  const { document, weights } = toDocument(model.name, nodes, tensors);
  const metadata = json.userDefinedMetadata?.[PREPROCESSING_KEY];
  return { document, weights, source: 'tfjs', notes: [], metadata };
}
