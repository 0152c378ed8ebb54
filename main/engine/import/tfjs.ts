import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { checkedCount, ImportError, IMPORT_LIMITS } from './errors';
import { readKerasModelConfig } from './kerasJson';
import { kerasLayersToNodes, type LayerWeights } from './kerasLayers';
import { toDocument } from './document';
import type { ImportResult } from './spec';

type Manifest = { paths: string[]; weights: { name: string; shape: number[]; dtype?: string }[] }[];

export async function readJsonCapped(path: string, what: string): Promise<unknown> {
  const info = await stat(path).catch(() => {
    throw new ImportError(`${what} not found: ${path}`);
  });
  if (info.size > IMPORT_LIMITS.maxJsonBytes)
    throw new ImportError(`${what} is larger than ${IMPORT_LIMITS.maxJsonBytes} bytes`);
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new ImportError(`${what} is not valid JSON (truncated or damaged?)`);
  }
}

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
  const rel = relative(resolve(dir), full);
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new ImportError(`Weight path '${path}' points outside the model folder; refused`);
  return full;
}

/** A TF.js LayersModel folder (or its model.json): topology, manifest checks, then the weights. */
export async function importTfjs(path: string): Promise<ImportResult> {
  const file = basename(path) === 'model.json' || path.endsWith('.json') ? path : join(path, 'model.json');
  const dir = dirname(file);
  const json = (await readJsonCapped(file, 'model.json')) as {
    modelTopology?: unknown;
    weightsManifest?: unknown;
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
  let bytes = 0;
  for (const f of files) {
    const info = await stat(f).catch(() => {
      throw new ImportError(`Weight file ${basename(f)} is missing`);
    });
    bytes += info.size;
  }
  if (bytes !== total * 4)
    throw new ImportError(
      `The weight files hold ${bytes} bytes but the manifest declares ${total * 4} (truncated or mismatched shapes)`,
    );
  const data = Buffer.concat(await Promise.all(files.map((f) => readFile(f))));
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
  return { document, weights, source: 'tfjs', notes: [] };
}
